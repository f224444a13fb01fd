package dev.teleform.provider.simulator.command;

import dev.teleform.provider.simulator.cloud.SimConsole;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * A {@code teleform sim} command that answers as one of Teleport's tools: its arguments are the tool's own,
 * handed over unparsed, and it runs against the simulator's console.
 */
abstract class SimStandInCommand implements Callable<Integer> {

    @ParentCommand
    SimCommand root;

    @Unmatched
    List<String> args = new ArrayList<>();

    /** Runs the tool with {@code args}; its exit status. */
    abstract int run(SimConsole console, List<String> args);

    @Override
    public Integer call() {
        return root.withConsole(console -> run(console, args));
    }
}
