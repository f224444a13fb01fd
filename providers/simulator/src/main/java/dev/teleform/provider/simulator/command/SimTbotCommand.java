package dev.teleform.provider.simulator.command;

import dev.teleform.provider.simulator.standin.TbotStandIn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/** {@code teleform sim tbot start -c CONFIG}: the simulator answering as tbot, for tests of the teleport provider. */
@Command(name = "tbot", description = {"Answer as Teleport's tbot would, from this simulator (a stand-in binary for "
    + "tests): start -c CONFIG with a one-shot IAM join."})
final class SimTbotCommand implements Callable<Integer> {

    @ParentCommand
    SimCommand root;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return root.withConsole(console -> new TbotStandIn(console, root.context().err(), System.getenv()).run(args));
    }
}
