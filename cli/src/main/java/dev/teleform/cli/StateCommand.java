package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.operation.StateOperation;
import dev.teleform.engine.operation.StateOperation.Edited;
import dev.teleform.engine.operation.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code teleform state}: look at what state holds. */
@Command(name = "state", description = {"Inspect state (list, show ADDR, history) and edit it without calling Teleport "
        + "(rm ADDR, mv OLD NEW);", "push what an earlier run could not push to the state remote (push)."},
        subcommands = {StateCommand.List.class, StateCommand.Show.class, StateCommand.History.class,
            StateCommand.Rm.class, StateCommand.Mv.class, StateCommand.Push.class})
final class StateCommand extends CommandGroup {

    private static Workspace open(StackOptions stack, CommandSpec spec) {
        return Workspaces.open(stack, spec.commandLine().getErr());
    }

    private static Problems problems(CommandSpec spec) {
        return new Problems(spec.commandLine().getErr());
    }

    @Command(name = "list", description = "List the addresses state holds.")
    static final class List implements Callable<Integer> {
        @Mixin
        StackOptions stack;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            problems(spec).valueOf(StateOperation.list(open(stack, spec))).forEach(spec.commandLine().getOut()::println);
            return TeleformCli.OK;
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
            Problems problems = problems(spec);
            Address address = target.parsed(problems);
            spec.commandLine().getOut().print(problems.valueOf(StateOperation.show(open(target.stack(), spec), address)));
            return TeleformCli.OK;
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
            Problems problems = problems(spec);
            Address address = target.parsed(problems);
            problems.valueThen(StateOperation.remove(open(target.stack().rootOnly("state rm " + address), spec), address,
                    dryRun), edited -> {
                String them = edited.touched().size() == 1 ? "it" : "them";
                err.println(dryRun ? "Would remove from state (dry run, nothing changed):\n  " + list(edited)
                        : "Removed from state; Teleport still has " + them + " and Teleform no longer manages " + them
                                + ":\n  " + list(edited));
            });
            return TeleformCli.OK;
        }
    }

    @Command(name = "mv", description = {"Record a resource under another address: what state holds at OLD is held "
        + "at NEW.", "A workload cluster takes its roles and users along. Teleport is not called; the next plan "
        + "compares NEW with Teleport.", "Takes the stack's lock; one commit in the state repository."})
    static final class Mv implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "OLD", description = "The address state holds the resource at now "
                + "(kind/name, or kind/name@CLUSTER in a workload cluster).")
        String from;

        @Parameters(index = "1", paramLabel = "NEW", description = "The address to hold it at instead: the one the "
                + "stack declares it under; of the same kind.")
        String to;

        @Parameters(index = "2", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
                description = "The stack's own directory (default: the current directory).")
        java.nio.file.Path dir;

        @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Value for $${var:NAME}; repeatable.")
        java.util.Map<String, String> vars = new java.util.LinkedHashMap<>();

        @Option(names = "--dry-run", description = "Print what would move and change nothing.")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Problems problems = problems(spec);
            Address source = AddressOptions.parse(from, problems);
            Address target = AddressOptions.parse(to, problems);
            Edited edited = problems.valueOf(StateOperation.move(open(StackOptions.of(dir, vars, spec)
                    .rootOnly("state mv " + source + " " + target), spec), source, target, dryRun));
            String moves = edited.touched().stream().map(old -> old + " -> " + edited.renamed().apply(old))
                    .collect(Collectors.joining("\n  "));
            spec.commandLine().getErr().println(dryRun ? "Would move in state (dry run, nothing changed):\n  " + moves
                    : "Moved in state; Teleport was not changed:\n  " + moves);
            return TeleformCli.OK;
        }
    }

    @Command(name = "push", description = {"Push the state an earlier run could not push to spec.state.remote.",
        "A write whose push failed keeps its commit in the local state repository (refs/teleform/unpushed/STACK);",
        "this pushes it where it was made, never over state written since. Takes the stack's lock.",
        "Exits 5 when the commit can never be pushed (state was written since, or it is no write of this stack),",
        "1 when it could not be pushed now (the remote out of reach), 3 when the lock is held."})
    static final class Push implements Callable<Integer> {
        @Mixin
        StackOptions stack;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getErr().println(problems(spec).valueOf(StateOperation.pushUnpushed(open(stack, spec))));
            return TeleformCli.OK;
        }
    }

    private static String list(Edited edited) {
        return edited.touched().stream().map(Address::toString).collect(Collectors.joining("\n  "));
    }

    @Command(name = "history", description = "Show the state's commits, newest first.")
    static final class History implements Callable<Integer> {
        @Mixin
        StackOptions stack;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                description = "Show at most this many commits (default 20).")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            problems(spec).valueOf(StateOperation.history(open(stack, spec), limit)).forEach(entry -> out.println(
                    entry.version().substring(0, 12) + "  " + entry.time() + "  " + entry.author() + "  " + entry.message()));
            return TeleformCli.OK;
        }
    }
}
