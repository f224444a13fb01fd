package dev.teleform.provider.simulator.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code teleform sim edit ADDR --set path=value}: change a live resource outside Teleform. */
@Command(name = "edit", description = {"Change a live resource as an administrator would, outside Teleform.",
    "Example: teleform sim edit role/example@child --set spec.allow.logins=[root]"})
final class SimEditCommand implements Callable<Integer> {

    @ParentCommand
    SimCommand root;

    @Parameters(paramLabel = "ADDR", description = "kind/name or kind/name@cluster")
    String address;

    @Option(names = "--set", paramLabel = "PATH=VALUE", required = true,
            description = "Field path (spec.allow.logins, spec.roles[0]) and a YAML value; repeatable.")
    List<String> assignments = new ArrayList<>();

    @Override
    public Integer call() {
        return SimAddresses.with(root, address, (console, at) -> root.outcome(console.edit(at, assignments), document ->
                root.context().err().println(at + " changed (revision " + document.at("/metadata/revision").asString()
                        + ")")));
    }
}
