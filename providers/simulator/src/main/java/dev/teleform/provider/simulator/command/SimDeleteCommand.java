package dev.teleform.provider.simulator.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code teleform sim delete ADDR}: delete a live resource outside Teleform. */
@Command(name = "delete", description = "Delete a live resource as an administrator would, outside Teleform.")
final class SimDeleteCommand implements Callable<Integer> {

    @ParentCommand
    SimCommand root;

    @Parameters(paramLabel = "ADDR", description = "kind/name or kind/name@cluster")
    String address;

    @Override
    public Integer call() {
        return SimAddresses.with(root, address, (console, at) -> root.outcome(console.delete(at),
                root.context().err()::println));
    }
}
