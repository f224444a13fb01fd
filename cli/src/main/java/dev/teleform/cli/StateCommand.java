package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.StateCodec;
import dev.teleform.engine.state.State;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code teleform state}: look at what state holds. */
@Command(name = "state", description = "Inspect state (list, show ADDR, history) and edit it without calling Teleport (rm ADDR, mv OLD NEW).",
        subcommands = {StateCommand.List.class, StateCommand.Show.class, StateCommand.History.class,
            StateCommand.Rm.class, StateCommand.Mv.class})
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
                out.print(CanonicalJson.write(StateCodec.entry(found.get())));
                return TeleformCli.OK;
            });
        }
    }

    @Command(name = "rm", description = {"Stop managing a resource without deleting it: remove it from state only.",
        "A workload cluster takes the roles and users managed inside it along. Teleport is not called.",
        "Takes the stack's lock; one commit in the state repository."})
    static final class Rm implements Callable<Integer>, StateEdit.Edit {
        @Mixin
        AddressOptions target;

        @Option(names = "--dry-run", description = "Print what would be removed and change nothing.")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        private Address address;

        @Override
        public Integer call() {
            Either<String, Address> parsed = target.parsed();
            if (parsed.isLeft()) {
                spec.commandLine().getErr().println("teleform: " + parsed.getLeft());
                return TeleformCli.ERROR;
            }
            address = parsed.get();
            return StateEdit.run(target.stack(), "state rm", dryRun, this, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }

        @Override
        public Either<String, StateSurgery.Edited> apply(State state) {
            return StateSurgery.remove(state, address);
        }

        @Override
        public String commitMessage(StateSurgery.Edited edited) {
            return "state rm " + address + "\n\nRemoved from state; Teleport was not changed:\n" + list(edited);
        }

        @Override
        public String wouldDo(StateSurgery.Edited edited) {
            return "Would remove from state (dry run, nothing changed):\n  " + list(edited);
        }

        @Override
        public void done(StateSurgery.Edited edited, Workspace workspace, PrintWriter err) {
            String them = edited.touched().size() == 1 ? "it" : "them";
            err.println("Removed from state; Teleport still has " + them + " and Teleform no longer manages " + them
                    + ":\n  " + list(edited));
            Set<Address> declared = workspace.stack().resources().stream().map(resource -> resource.address())
                    .collect(Collectors.toSet());
            edited.touched().stream().filter(declared::contains).forEach(still -> err.println("teleform: warning: "
                    + still + " is still declared in the stack: the next plan adopts it again if Teleport's copy "
                    + "matches it, and is refused until 'teleform import " + still + "' otherwise. Remove it from the "
                    + "stack to stop managing it."));
        }
    }

    @Command(name = "mv", description = {"Record a resource under another address: what state holds at OLD is held "
        + "at NEW.", "A workload cluster takes its roles and users along. Teleport is not called; the next plan "
        + "compares NEW with Teleport.", "Takes the stack's lock; one commit in the state repository."})
    static final class Mv implements Callable<Integer>, StateEdit.Edit {
        @Parameters(index = "0", paramLabel = "OLD")
        String from;

        @Parameters(index = "1", paramLabel = "NEW")
        String to;

        @Parameters(index = "2", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
                description = "Stack directory (default: the current directory).")
        java.nio.file.Path dir;

        @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Value for $${var:NAME}; repeatable.")
        java.util.Map<String, String> vars = new java.util.LinkedHashMap<>();

        @Option(names = "--dry-run", description = "Print what would move and change nothing.")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        private Address source;
        private Address target;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            for (String text : java.util.List.of(from, to)) {
                if (Address.parse(text) instanceof dev.teleform.engine.addr.AddressParse.Invalid invalid) {
                    err.println("teleform: " + invalid.message());
                    return TeleformCli.ERROR;
                }
            }
            source = ((dev.teleform.engine.addr.AddressParse.Parsed) Address.parse(from)).address();
            target = ((dev.teleform.engine.addr.AddressParse.Parsed) Address.parse(to)).address();
            StackOptions stack = StackOptions.of(dir, vars, spec);
            return StateEdit.run(stack, "state mv", dryRun, this, spec.commandLine().getOut(), err);
        }

        @Override
        public Either<String, StateSurgery.Edited> apply(State state) {
            return StateSurgery.move(state, source, target);
        }

        private String moves(StateSurgery.Edited edited) {
            return edited.touched().stream().map(old -> old + " -> " + (old.equals(source) ? target
                    : Address.in(old.kind(), old.name(), target.name())))
                    .collect(Collectors.joining("\n  "));
        }

        @Override
        public String commitMessage(StateSurgery.Edited edited) {
            return "state mv " + source + " " + target + "\n\nMoved in state; Teleport was not changed:\n"
                    + moves(edited);
        }

        @Override
        public String wouldDo(StateSurgery.Edited edited) {
            return "Would move in state (dry run, nothing changed):\n  " + moves(edited);
        }

        @Override
        public void done(StateSurgery.Edited edited, Workspace workspace, PrintWriter err) {
            err.println("Moved in state; Teleport was not changed:\n  " + moves(edited));
        }
    }

    private static String list(StateSurgery.Edited edited) {
        return edited.touched().stream().map(Address::toString).collect(Collectors.joining("\n  "));
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
