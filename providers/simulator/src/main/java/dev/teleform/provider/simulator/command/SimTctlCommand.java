package dev.teleform.provider.simulator.command;

import dev.teleform.provider.simulator.cloud.SimConsole;
import dev.teleform.provider.simulator.standin.TctlStandIn;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code teleform sim tctl ARGS}: the simulator answering as tctl, for tests of the teleport provider. */
@Command(name = "tctl", description = {"Answer as Teleport's tctl would, from this simulator (a stand-in binary "
    + "for tests): --auth-server, -i, get, create [-f], rm, users reset."})
final class SimTctlCommand extends SimStandInCommand {

    @Override
    int run(SimConsole console, List<String> args) {
        return new TctlStandIn(console, root.context().out(), root.context().err(), System.in).run(args);
    }
}
