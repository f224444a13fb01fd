package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.provider.PasswordState;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.StateLock;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    @Option(names = "--ttl", defaultValue = "2h", description = "How long the link is valid (default 2h; at most what the provider issues: 48h, or 24h through tctl users reset).")
    String ttl;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Append the link here (a new file is created 0600; one JSON line).")
    Path out;

    @Option(names = "--reset-credentials", description = {"Issue the link even though the user has set a password.",
        "In Teleport this deletes the user's password, every MFA device and the user's earlier links."})
    boolean resetCredentials;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Either<String, Address> parsed = target.parsed();
        if (parsed.isEmpty() || parsed.get().kind() != ResourceKind.USER) {
            err.println("teleform: " + target.address + " is not a user address: write user/NAME or user/NAME@CLUSTER");
            return TeleformCli.ERROR;
        }
        Optional<Duration> validity = GoDuration.parse(ttl);
        if (validity.isEmpty()) {
            err.println("teleform: --ttl takes a duration such as 2h");
            return TeleformCli.ERROR;
        }
        Either<String, Invites> delivery = Invites.to(out);
        if (delivery.isLeft()) {
            err.println("teleform: --out: " + delivery.getLeft() + ". No link was made.");
            return TeleformCli.ERROR;
        }
        if (!delivery.get().available()) {
            err.println("teleform: there is no terminal to show the link on; give --out FILE. No link was made.");
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
            try {
                int issued = issue(provider, reached, parsed.get(), validity.get(), delivery.get(), err);
                if (issued == TeleformCli.OK) {
                    clearPending(workspace.get(), parsed.get(), err);
                }
                return issued;
            } finally {
                reached.forEach(t -> {
                    if (t instanceof ClusterTarget.Child child) {
                        child.credentials().close();
                    }
                });
            }
        }
    }

    /** A delivered link ends the user's pending invite, so the next plan does not plan it again. */
    private static void clearPending(Workspace workspace, Address user, PrintWriter err) {
        boolean pending = workspace.state().read().map(s -> s.state().get(user)
                .map(ResourceState::invitePending).orElse(false)).getOrElse(false);
        if (!pending) {
            return;
        }
        Either<Integer, StateLock> taken = StackLock.take(workspace, "invite", err);
        if (taken.isLeft()) {
            err.println("teleform: warning: " + user + " stays marked as invite pending in state (the stack is locked); "
                    + "the next apply issues another link");
            return;
        }
        try (StateLock lock = taken.get()) {
            var read = workspace.state().read();
            var written = read.flatMap(snapshot -> {
                Map<Address, ResourceState> resources = new TreeMap<>(snapshot.state().resources());
                resources.computeIfPresent(user, (address, entry) -> entry.withInvitePending(false));
                return workspace.state().write(snapshot.state().next(resources), snapshot.version(),
                        "invite: the pending invite of " + user + " was delivered");
            });
            written.swap().forEach(error -> err.println("teleform: warning: " + user + " stays marked as invite "
                    + "pending in state (" + error.message() + "); the next apply issues another link"));
        }
    }

    /** Reads the user, refuses a reset it was not asked for, then issues and delivers one link. */
    private int issue(Provider provider, Either<ProviderError, ClusterTarget> reached, Address user, Duration validity,
            Invites delivery, PrintWriter err) {
        var live = reached.flatMap(t -> provider.get(t, ResourceKind.USER, user.name()));
        if (live.isLeft()) {
            err.println("teleform: cannot read " + user + ": " + live.getLeft().message());
            return TeleformCli.ERROR;
        }
        if (PasswordState.isSet(live.get().document()) && !resetCredentials) {
            err.println("teleform: " + user + " has set a password. A new link resets the user's credentials: Teleport "
                    + "deletes the password, every MFA device and the user's earlier links. If that is what you want, "
                    + "run again with --reset-credentials. No link was made.");
            return TeleformCli.ERROR;
        }
        var link = reached.flatMap(t -> provider.invite(t, user.name(), validity));
        if (link.isLeft()) {
            err.println("teleform: cannot create an invite for " + user + ": " + link.getLeft().message());
            return TeleformCli.ERROR;
        }
        var delivered = delivery.deliver(link.get());
        if (delivered.isLeft()) {
            err.println("teleform: the link for " + user + " was made but could not be delivered: " + delivered.getLeft()
                    + "; run again to make another");
            return TeleformCli.ERROR;
        }
        delivery.report(0).ifPresent(err::println);
        return TeleformCli.OK;
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
