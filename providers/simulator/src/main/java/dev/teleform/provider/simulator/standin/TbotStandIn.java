package dev.teleform.provider.simulator.standin;

import dev.teleform.provider.simulator.cloud.SimConsole;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Answers as Teleport's {@code tbot} does, against the simulator: of its commands, {@code start -c CONFIG}
 * with the one-shot v2 configuration of TELEPORT.md §5 ({@link TbotStart}). A run that gets as far as
 * its configuration logs to stderr ({@link TbotLog}), whether it succeeds or not; a failure ends with
 * {@code ERROR: } in red, the message and a blank line, and exits 1.
 */
public final class TbotStandIn {

    private final SimConsole console;
    private final PrintWriter err;
    private final Map<String, String> environment;

    public TbotStandIn(SimConsole console, PrintWriter err, Map<String, String> environment) {
        this.console = console;
        this.err = err;
        this.environment = environment;
    }

    /** Runs tbot with {@code args}; returns its exit status. */
    public int run(List<String> args) {
        return Kingpin.run(new Tbot(console, err, environment), args, message -> StandInFailure.print(err, message));
    }
}
