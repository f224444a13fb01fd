package dev.teleform.provider.simulator.standin;

/**
 * A command of a stand-in (the root or a subcommand), run once the arguments are parsed. A new
 * subcommand is a class implementing this with picocli's annotations, listed in its parent's
 * {@code subcommands}.
 */
interface StandInCommand {

    /** Does the work and returns the exit status; a refusal is a {@link StandInFailure}. */
    int run();
}
