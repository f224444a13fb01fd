package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.plan.Import;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.state.StateLock;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code teleform import ADDR [DIR]}: manage a resource that already exists in Teleport, without writing it. */
@Command(name = "import", description = {"Bring a resource that exists in Teleport under management: it must be "
    + "declared in the stack.", "State records Teleport's values of the fields the stack sets; the next plan shows "
    + "only real differences.", "Takes the stack's lock; one commit in the state repository. Teleport is not changed."})
final class ImportCommand implements Callable<Integer> {

    @Mixin
    AddressOptions target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Either<String, Address> parsed = target.parsed();
        if (parsed.isLeft()) {
            err.println("teleform: " + parsed.getLeft());
            return TeleformCli.ERROR;
        }
        Address address = parsed.get();
        Optional<Workspace> opened = Workspace.open(target.stack(), spec.commandLine().getOut(), err,
                InstantSource.system());
        if (opened.isEmpty()) {
            return TeleformCli.ERROR;
        }
        Workspace workspace = opened.get();
        Optional<Resource> declared = workspace.stack().resources().stream()
                .filter(resource -> resource.address().equals(address)).findFirst();
        if (declared.isEmpty()) {
            err.println("teleform: " + address + " is not declared in the stack: declare it first (as Teleport has it, "
                    + "e.g. from tctl get), then import it; nothing was changed");
            return TeleformCli.ERROR;
        }
        Either<Integer, StateLock> lock = StackLock.take(workspace, "import", err);
        if (lock.isLeft()) {
            return lock.getLeft();
        }
        try (StateLock held = lock.get()) {
            return importLocked(workspace, declared.get(), err);
        }
    }

    private int importLocked(Workspace workspace, Resource declared, PrintWriter err) {
        var read = workspace.state().read();
        if (read.isLeft()) {
            err.println("teleform: " + read.getLeft().message());
            return TeleformCli.ERROR;
        }
        var provider = workspace.provider();
        if (provider.isLeft()) {
            err.println("teleform: " + provider.getLeft());
            return TeleformCli.ERROR;
        }
        Either<ProviderError, LiveResource> live;
        try (Provider opened = provider.get()) {
            live = live(opened, workspace, declared);
        }
        if (live.isLeft()) {
            err.println("teleform: cannot import " + declared.address() + ": " + live.getLeft().message()
                    + (live.getLeft() instanceof ProviderError.NotFound ? " (import brings in what exists; to create "
                    + "it, apply)" : "") + "; nothing was changed");
            return TeleformCli.ERROR;
        }
        var imported = Import.record(read.get().state(), declared, live.get());
        if (imported.isLeft()) {
            err.println("teleform: " + imported.getLeft());
            return TeleformCli.ERROR;
        }
        var written = workspace.state().write(imported.get(), read.get().version(), "import " + declared.address()
                + "\n\nNow managed as Teleport has it (revision " + live.get().revision() + "); Teleport was not changed.");
        if (written.isLeft()) {
            err.println("teleform: " + written.getLeft().message() + "; nothing was changed");
            return TeleformCli.ERROR;
        }
        err.println("Imported " + declared.address() + ": state holds it as Teleport has it. 'teleform plan' shows how "
                + "it differs from the stack.");
        return TeleformCli.OK;
    }

    /** The resource as Teleport has it: from the parent, or from its workload cluster as the bot (or identity). */
    private static Either<ProviderError, LiveResource> live(Provider provider, Workspace workspace, Resource declared) {
        Address address = declared.address();
        if (address.inParentCluster()) {
            return provider.get(ClusterTarget.parent(), declared.kind(), address.name());
        }
        Path identity = workspace.providerConfig().clusterIdentities().get(address.cluster());
        Either<ProviderError, ClusterCredentials> credentials = identity != null
                ? provider.login(address.cluster(), identity) : provider.bootstrap(address.cluster());
        return credentials.flatMap(held -> {
            try (held) {
                return provider.get(ClusterTarget.child(held), declared.kind(), address.name());
            }
        });
    }
}
