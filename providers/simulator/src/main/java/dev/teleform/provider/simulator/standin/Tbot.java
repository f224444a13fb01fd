package dev.teleform.provider.simulator.standin;

import dev.teleform.provider.simulator.cloud.SimConsole;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/** The {@code tbot} command: what its subcommands share. A new subcommand is a class listed in {@code subcommands}. */
@Command(name = "tbot", subcommands = TbotStart.class)
final class Tbot implements StandInCommand {

    private final SimConsole console;
    private final PrintWriter err;
    private final Map<String, String> environment;

    Tbot(SimConsole console, PrintWriter err, Map<String, String> environment) {
        this.console = console;
        this.err = err;
        this.environment = environment;
    }

    /** {@code tbot} without a command. */
    @Override
    public int run() {
        throw new StandInFailure("the simulator's tbot knows only 'start -c CONFIG'");
    }

    SimConsole console() {
        return console;
    }

    PrintWriter err() {
        return err;
    }

    /** tbot's environment, where the AWS credential chain looks first. */
    Map<String, String> environment() {
        return environment;
    }
}
