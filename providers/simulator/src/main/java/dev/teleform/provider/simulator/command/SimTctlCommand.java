package dev.teleform.provider.simulator.command;

import dev.teleform.provider.simulator.standin.TctlStandIn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/** {@code teleform sim tctl ARGS}: the simulator answering as tctl, for tests of the teleport provider. */
@Command(name = "tctl", description = {"Answer as Teleport's tctl would, from this simulator (a stand-in binary "
    + "for tests): --auth-server, -i, get, create [-f], rm, users reset."})
final class SimTctlCommand implements Callable<Integer> {

    @ParentCommand
    SimCommand root;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return root.withConsole(console -> new TctlStandIn(console, root.context().out(), root.context().err(), System.in)
                .run(args));
    }
}
