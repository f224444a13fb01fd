package dev.teleform.provider.simulator.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code teleform sim get ADDR}: a resource as the server holds it, defaults and all. */
@Command(name = "get", description = "Print a resource as the simulated server holds it (with its defaults).")
final class SimGetCommand implements Callable<Integer> {

    @ParentCommand
    SimCommand root;

    @Parameters(paramLabel = "ADDR", description = "kind/name or kind/name@cluster, e.g. role/example@child")
    String address;

    @Option(names = "--format", defaultValue = "yaml", description = "yaml or json")
    String format;

    @Override
    public Integer call() {
        return SimAddresses.with(root, address, (console, at) -> root.outcome(console.get(at), document ->
                root.context().out().print("json".equals(format) ? SimOutput.json(document) : SimOutput.yaml(document))));
    }
}
