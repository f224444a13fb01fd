package dev.teleform.provider.simulator.standin;

import dev.teleform.provider.simulator.cloud.SimConsole;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;

/**
 * Answers as Teleport's {@code tctl} does (TELEPORT.md §3), against the simulator, so the real provider
 * can be tested through real processes: the global flags {@code --auth-server} and {@code -i}, then
 * {@code get}, {@code create [-f] [FILE]}, {@code rm} and {@code users reset} ({@link Tctl} and its
 * subcommands), with tctl's output formats, exit status and error texts. Each run is one call in the
 * simulator's record and faults.
 */
public final class TctlStandIn {

    private final SimConsole console;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream stdin;

    public TctlStandIn(SimConsole console, PrintWriter out, PrintWriter err, InputStream stdin) {
        this.console = console;
        this.out = out;
        this.err = err;
        this.stdin = stdin;
    }

    /** Runs tctl with {@code args}; returns its exit status. */
    public int run(List<String> args) {
        return Kingpin.run(new Tctl(console, out, stdin), args, message -> {
            out.flush(); // what was written before the failure, e.g. "role \"a\" has been created"
            StandInFailure.print(err, message);
        });
    }
}
