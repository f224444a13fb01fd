package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.state.StateSurgery;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code teleform state}: look at what state holds. */
@Command(name = "state", description = "Inspect state (list, show ADDR, history) and stop managing a resource (rm ADDR).",
        subcommands = {StateCommand.List.class, StateCommand.Show.class, StateCommand.History.class,
            StateCommand.Rm.class})
final class StateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return TeleformCli.ERROR;
    }

    /** Opens the stack's state and runs {@code action} on it. */
    static int withState(StackOptions stack, CommandSpec spec, BiFunction<StateStore.Snapshot, PrintWriter, Integer> action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Workspace> workspace = Workspace.open(stack, out, err, InstantSource.system());
        if (workspace.isEmpty()) {
            return TeleformCli.ERROR;
        }
        var snapshot = workspace.get().state().read();
        if (snapshot.isLeft()) {
            err.println("teleform: " + snapshot.getLeft().message());
            return TeleformCli.ERROR;
        }
        return action.apply(snapshot.get(), out);
    }

    @Command(name = "list", description = "List the addresses state holds.")
    static final class List implements Callable<Integer> {
        @Mixin
        StackOptions stack;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withState(stack, spec, (snapshot, out) -> {
                snapshot.state().resources().keySet().forEach(out::println);
                return TeleformCli.OK;
            });
        }
    }

    @Command(name = "show", description = "Show what state holds for one resource.")
    static final class Show implements Callable<Integer> {
        @Mixin
        AddressOptions target;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Either<String, Address> address = target.parsed();
            if (address.isLeft()) {
                spec.commandLine().getErr().println("teleform: " + address.getLeft());
                return TeleformCli.ERROR;
            }
            return withState(target.stack(), spec, (snapshot, out) -> {
                Optional<ResourceState> found = snapshot.state().get(address.get());
                if (found.isEmpty()) {
                    spec.commandLine().getErr().println("teleform: state holds no " + address.get());
                    return TeleformCli.ERROR;
                }
                var node = CanonicalJson.mapper().createObjectNode();
                node.put("address", address.get().toString());
                node.set("applied", found.get().applied());
                node.set("observed", found.get().observed());
                node.put("prevent_destroy", found.get().preventDestroy());
                out.print(CanonicalJson.write(node));
                return TeleformCli.OK;
            });
        }
    }

    @Command(name = "rm", description = {"Stop managing a resource without deleting it: remove it from state only.",
        "A workload cluster takes the roles and users managed inside it along. Teleport is not called.",
        "Takes the stack's lock; one commit in the state repository."})
    static final class Rm implements Callable<Integer> {
        @Mixin
        AddressOptions target;

        @Option(names = "--dry-run", description = "Print what would be removed and change nothing.")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Either<String, Address> address = target.parsed();
            if (address.isLeft()) {
                err.println("teleform: " + address.getLeft());
                return TeleformCli.ERROR;
            }
            Optional<Workspace> opened = Workspace.open(target.stack(), spec.commandLine().getOut(), err,
                    InstantSource.system());
            if (opened.isEmpty()) {
                return TeleformCli.ERROR;
            }
            Workspace workspace = opened.get();
            if (dryRun) {
                return edit(workspace, address.get(), err);
            }
            Either<Integer, StateLock> lock = StackLock.take(workspace, "state rm", err);
            if (lock.isLeft()) {
                return lock.getLeft();
            }
            try (StateLock held = lock.get()) {
                return edit(workspace, address.get(), err);
            }
        }

        private int edit(Workspace workspace, Address address, PrintWriter err) {
            var read = workspace.state().read();
            if (read.isLeft()) {
                err.println("teleform: " + read.getLeft().message());
                return TeleformCli.ERROR;
            }
            var edited = StateSurgery.remove(read.get().state(), address);
            if (edited.isLeft()) {
                err.println("teleform: " + edited.getLeft());
                return TeleformCli.ERROR;
            }
            java.util.List<Address> removed = edited.get().touched();
            String list = removed.stream().map(Address::toString).collect(Collectors.joining("\n  "));
            if (dryRun) {
                err.println("Would remove from state (dry run, nothing changed):\n  " + list);
                return TeleformCli.OK;
            }
            var written = workspace.state().write(edited.get().next(), read.get().version(),
                    "state rm " + address + "\n\nRemoved from state; Teleport was not changed:\n" + list);
            if (written.isLeft()) {
                err.println("teleform: " + written.getLeft().message() + "; nothing was changed");
                return TeleformCli.ERROR;
            }
            err.println("Removed from state; Teleport still has " + (removed.size() == 1 ? "it" : "them")
                    + " and Teleform no longer manages " + (removed.size() == 1 ? "it" : "them") + ":\n  " + list);
            Set<Address> declared = workspace.stack().resources().stream().map(resource -> resource.address())
                    .collect(Collectors.toSet());
            removed.stream().filter(declared::contains).forEach(still -> err.println("teleform: warning: " + still
                    + " is still declared in the stack: the next plan adopts it again if Teleport's copy matches, "
                    + "otherwise updates it. Remove it from the stack to stop managing it."));
            return TeleformCli.OK;
        }
    }

    @Command(name = "history", description = "Show the state's commits, newest first.")
    static final class History implements Callable<Integer> {
        @Mixin
        StackOptions stack;

        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Spec
        CommandSpec spec;

        @ParentCommand
        StateCommand parent;

        @Override
        public Integer call() {
            return withState(stack, spec, (snapshot, out) -> {
                var store = Workspace.open(stack, out, spec.commandLine().getErr(), InstantSource.system()).orElseThrow()
                        .state();
                var history = store.history(limit);
                if (history.isLeft()) {
                    spec.commandLine().getErr().println("teleform: " + history.getLeft().message());
                    return TeleformCli.ERROR;
                }
                history.get().forEach(entry -> out.println(entry.version().substring(0, 12) + "  " + entry.time() + "  "
                        + entry.author() + "  " + entry.message()));
                return TeleformCli.OK;
            });
        }
    }
}
