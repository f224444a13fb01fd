package dev.teleform.provider.simulator.standin;

import java.io.PrintWriter;

/** A stand-in's refusal, in the real tool's words: the run prints it after {@code ERROR: } and exits 1. */
final class StandInFailure extends RuntimeException {

    private static final String RED = "\u001B[31m";
    private static final String RESET = "\u001B[0m";

    StandInFailure(String message) {
        super(message, null, false, false);
    }

    /**
     * Prints {@code message} as tctl and tbot print their last error (Teleport's {@code utils.FatalError}):
     * {@code ERROR: } in red (even when stderr is not a terminal), the message uncoloured, a blank line.
     */
    static void print(PrintWriter err, String message) {
        err.print(RED + "ERROR: " + RESET + message + "\n\n");
        err.flush();
    }
}
