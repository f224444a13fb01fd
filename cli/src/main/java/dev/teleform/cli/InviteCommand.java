package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teleform invite ADDR [DIR]}: a new invite link for a user Teleform manages. */
@Command(name = "invite", description = {"Issue a new invite link for a managed user (e.g. one whose link was not "
    + "delivered or has expired).", "The link goes only to --out FILE (0600) or the terminal."})
final class InviteCommand implements Callable<Integer> {

    @Mixin
    AddressOptions target;

    @Option(names = "--ttl", defaultValue = "2h", description = "How long the link is valid (default 2h, at most 48h).")
    String ttl;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the link here (created 0600, one JSON line).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Either<String, Address> parsed = target.parsed();
        if (parsed.isEmpty() || !parsed.get().kind().equals("user")) {
            err.println("teleform: " + target.address + " is not a user address: write user/NAME or user/NAME@CLUSTER");
            return TeleformCli.ERROR;
        }
        Optional<Duration> validity = GoDuration.parse(ttl);
        if (validity.isEmpty()) {
            err.println("teleform: --ttl takes a duration such as 2h");
            return TeleformCli.ERROR;
        }
        Optional<Workspace> workspace = Workspace.open(target.stack(), spec.commandLine().getOut(), err, InstantSource.system());
        if (workspace.isEmpty()) {
            return TeleformCli.ERROR;
        }
        var state = workspace.get().state().read();
        if (state.isLeft() || state.get().state().get(parsed.get()).isEmpty()) {
            err.println("teleform: " + parsed.get() + " is not managed by this stack (see teleform state list)");
            return TeleformCli.ERROR;
        }
        var opened = workspace.get().provider();
        if (opened.isLeft()) {
            err.println("teleform: " + opened.getLeft());
            return TeleformCli.ERROR;
        }
        try (Provider provider = opened.get()) {
            Either<ProviderError, ClusterTarget> reached = target(provider, parsed.get(), workspace.get());
            var link = reached.flatMap(t -> provider.invite(t, parsed.get().name(), validity.get()));
            reached.forEach(t -> {
                if (t instanceof ClusterTarget.Child child) {
                    child.credentials().close();
                }
            });
            if (link.isLeft()) {
                err.println("teleform: cannot create an invite for " + parsed.get() + ": " + link.getLeft().message());
                return TeleformCli.ERROR;
            }
            return Invites.deliver(List.of(link.get()), out, err);
        }
    }

    private static Either<ProviderError, ClusterTarget> target(Provider provider, Address address, Workspace workspace) {
        if (address.inParentCluster()) {
            return Either.right(ClusterTarget.parent());
        }
        Path identity = workspace.providerConfig().clusterIdentities().get(address.cluster());
        Either<ProviderError, ClusterCredentials> credentials = identity != null
                ? provider.login(address.cluster(), identity) : provider.bootstrap(address.cluster());
        return credentials.map(ClusterTarget::child);
    }
}
