package dev.teleform.provider.teleport;

import java.time.Duration;

/** How a tool run ended. Output is raw here; {@link Scrubber} cleans stderr before anyone shows it. */
sealed interface ToolRun {

    /** It ran and exited. {@code stderr} is the last {@link Processes#STDERR_CAP} bytes it wrote there. */
    record Exited(int status, byte[] stdout, String stderr) implements ToolRun {
        boolean succeeded() {
            return status == 0;
        }
    }

    /** The binary could not be started: not found, not executable. */
    record NotStarted(String reason) implements ToolRun {}

    /** It ran longer than its timeout and was killed with everything it started. */
    record TimedOut(Duration after, String stderr) implements ToolRun {}
}
