package dev.teleform.provider.simulator.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code teleform sim reset}: forget every simulated cluster. */
@Command(name = "reset", description = "Delete the simulator's data directory: every simulated cluster is gone.")
final class SimResetCommand implements Callable<Integer> {

    @ParentCommand
    SimCommand root;

    @Override
    public Integer call() {
        return root.withConsole(console -> {
            console.reset();
            root.context().err().println("removed " + console.store().dir());
            return 0;
        });
    }
}
