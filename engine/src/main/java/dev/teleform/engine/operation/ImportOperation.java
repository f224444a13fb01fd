package dev.teleform.engine.operation;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.plan.Import;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.state.LockedStateStore;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.state.StateStore;
import java.util.Optional;

/**
 * {@code teleform import}: brings a resource that exists in Teleport, and is declared in the stack, under
 * management as Teleport has it. Under the stack's lock, one commit; Teleport is not changed.
 */
public final class ImportOperation {

    private ImportOperation() {
    }

    /** Imports {@code address}; the outcome's value is the revision Teleport reported. */
    public static Outcome<String> run(Workspace workspace, Address address) {
        Optional<Resource> declared = workspace.stack().resources().stream()
                .filter(resource -> resource.address().equals(address)).findFirst();
        if (declared.isEmpty()) {
            return Outcome.failed(address + " is not declared in the stack: declare it first (as Teleport has it, "
                    + "e.g. from tctl get), then import it; nothing was changed");
        }
        return workspace.lock("import").flatMap(lock -> {
            try (StateLock held = lock) {
                return imported(workspace, new LockedStateStore(workspace.state(), held), declared.get());
            }
        });
    }

    private static Outcome<String> imported(Workspace workspace, StateStore state, Resource declared) {
        var read = workspace.state().read();
        if (read.isLeft()) {
            return Outcome.failed(read.getLeft().message(), read.getLeft());
        }
        return workspace.withProvider(provider -> live(provider, workspace, declared)).flatMap(live -> Import.record(read.get().state(), declared, live)
                .fold(Outcome::<String>failed, imported -> {
                    var written = state.write(imported, read.get().version(), "import " + declared.address()
                            + "\n\nNow managed as Teleport has it (revision " + live.revision() + "); Teleport was not "
                            + "changed.");
                    return written.fold(error -> Outcome.failed(error.message() + "; nothing was changed", error),
                            version -> Outcome.done(live.revision()));
                }));
    }

    /** The resource as Teleport has it: from the parent, or from its workload cluster as the bot (or identity). */
    private static Outcome<LiveResource> live(Provider provider, Workspace workspace, Resource declared) {
        Address address = declared.address();
        return workspace.withClusters(provider, access -> access.target(address)
                .flatMap(target -> access.calls().call(address, () -> provider.get(target, address.kind(), address.name())))
                .fold(error -> Outcome.failed("cannot import " + address + ": " + error.message()
                        + (error instanceof ProviderError.NotFound ? " (import brings in what exists; to create "
                                + "it, apply)" : "") + "; nothing was changed", error), Outcome::done));
    }
}
