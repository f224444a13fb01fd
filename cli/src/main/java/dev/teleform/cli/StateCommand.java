package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.AddressParse;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.StateStore;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code teleform state}: look at what state holds. */
@Command(name = "state", description = "Inspect state: list, show ADDR, history.",
        subcommands = {StateCommand.List.class, StateCommand.Show.class, StateCommand.History.class})
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
        @Parameters(index = "0", paramLabel = "ADDR")
        String address;

        @Parameters(index = "1", arity = "0..1", defaultValue = ".", paramLabel = "DIR")
        java.nio.file.Path dir;

        @Option(names = "--var", paramLabel = "NAME=VALUE")
        java.util.Map<String, String> vars = new java.util.LinkedHashMap<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!(Address.parse(address) instanceof AddressParse.Parsed parsed)) {
                spec.commandLine().getErr().println("teleform: " + ((AddressParse.Invalid) Address.parse(address)).message());
                return TeleformCli.ERROR;
            }
            StackOptions stack = new StackOptions();
            stack.dir = dir;
            stack.vars = vars;
            return withState(stack, spec, (snapshot, out) -> {
                Optional<ResourceState> found = snapshot.state().get(parsed.address());
                if (found.isEmpty()) {
                    spec.commandLine().getErr().println("teleform: state holds no " + parsed.address());
                    return TeleformCli.ERROR;
                }
                var node = CanonicalJson.mapper().createObjectNode();
                node.put("address", parsed.address().toString());
                node.set("applied", found.get().applied());
                node.set("observed", found.get().observed());
                node.put("prevent_destroy", found.get().preventDestroy());
                out.print(CanonicalJson.write(node));
                return TeleformCli.OK;
            });
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
