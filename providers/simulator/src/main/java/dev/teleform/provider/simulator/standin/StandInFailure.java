package dev.teleform.provider.simulator.standin;

/** A stand-in's refusal, in the real tool's words: the run prints it after {@code ERROR: } and exits 1. */
final class StandInFailure extends RuntimeException {

    StandInFailure(String message) {
        super(message, null, false, false);
    }
}
