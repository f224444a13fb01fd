package dev.teleform.provider.simulator.command;

import dev.teleform.provider.simulator.cloud.SimConsole;
import dev.teleform.provider.simulator.standin.TbotStandIn;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code teleform sim tbot start -c CONFIG}: the simulator answering as tbot, for tests of the teleport provider. */
@Command(name = "tbot", description = {"Answer as Teleport's tbot would, from this simulator (a stand-in binary for "
    + "tests): start -c CONFIG with a one-shot join: IAM for a workload cluster; at the parent, the join of "
    + "spec.parent.join (github needs the job's ACTIONS_ID_TOKEN_REQUEST_* variables)."})
final class SimTbotCommand extends SimStandInCommand {

    @Override
    int run(SimConsole console, List<String> args) {
        return new TbotStandIn(console, root.context().err(), System.getenv()).run(args);
    }
}
