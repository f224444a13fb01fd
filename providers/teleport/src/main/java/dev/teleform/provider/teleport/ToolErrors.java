package dev.teleform.provider.teleport;

import dev.teleform.engine.provider.ProviderError;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a failed {@code tctl} or {@code tbot} run into the SPI's error kinds, from the exit status and
 * the texts of TELEPORT.md §3 and §5. Matching is on the stable part of each text ("not found",
 * "already exists", "access denied"), after colour codes and secrets are gone. What is not recognised
 * is a permanent {@link ProviderError.BadParameter}: retrying an error nobody understands only hides it.
 */
final class ToolErrors {

    /** What an old tctl says about the kind it does not know. */
    static final String UNSUPPORTED_WORKLOAD_CLUSTERS = "unsupported resource: \"workload_cluster";

    private ToolErrors() {}

    /** The error of a run that did not succeed. */
    static ProviderError of(ToolCommand command, ToolRun run, Scrubber scrubber) {
        return switch (run) {
            case ToolRun.NotStarted notStarted -> new ProviderError.BadParameter("cannot run " + command.binary()
                    + ": " + why(notStarted.reason()) + "; install it or set " + command.tool() + " to its path");
            case ToolRun.TimedOut timedOut -> new ProviderError.ConnectionProblem(command.describe()
                    + " did not finish in " + timedOut.after().toSeconds() + " s and was stopped"
                    + suffix(scrubber.clean(timedOut.stderr())));
            case ToolRun.Exited exited -> classify(command, message(scrubber.clean(exited.stderr()), exited.status()));
        };
    }

    /**
     * One line from tctl's stderr: {@code ERROR: } and blank lines dropped, the server's indented text
     * joined to tctl's context with ": ".
     */
    static String message(String cleanStderr, int status) {
        String joined = cleanStderr.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.startsWith("ERROR:") ? line.substring("ERROR:".length()).strip() : line)
                .collect(Collectors.joining(": "));
        return joined.isEmpty() ? "exited with status " + status + " and printed no reason" : joined;
    }

    static ProviderError classify(ToolCommand command, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains(UNSUPPORTED_WORKLOAD_CLUSTERS)) {
            return new ProviderError.BadParameter("this tctl (" + command.binary() + ") does not know workload "
                    + "clusters: install a tctl that supports them, or point " + command.tool() + " at one");
        }
        if (lower.contains("already exists") || lower.contains("already registered")
                || lower.contains("use -f or --force flag to overwrite")) {
            return new ProviderError.AlreadyExists(message);
        }
        if (lower.contains("not found") || lower.contains("does not exist")) {
            return new ProviderError.NotFound(message);
        }
        if (lower.contains("access denied") || lower.contains("only teleport cloud users with the workloadclusters "
                + "feature") || lower.contains("is only available to users") || lower.contains("not authorized")
                || lower.contains("permission denied") || lower.contains("match any allow rule")) {
            // "only available to users" is a connection-problem kind in Teleport, but no retry can change who calls
            return new ProviderError.AccessDenied(message);
        }
        if (lower.contains("rate limit") || lower.contains("too many requests") || lower.contains("limit exceeded")) {
            return new ProviderError.LimitExceeded(message);
        }
        if (lower.contains("cannot connect to the auth server") || lower.contains("unable to communicate with the "
                + "teleport cloud api") || lower.contains("connection refused") || lower.contains("connection reset")
                || lower.contains("i/o timeout") || lower.contains("context deadline exceeded")
                || lower.contains("tls handshake timeout") || lower.contains("unexpected eof")
                || lower.contains("the cluster is not active yet") || lower.contains("service unavailable")) {
            return new ProviderError.ConnectionProblem(message);
        }
        return new ProviderError.BadParameter(message);
    }

    /** The JDK's "Cannot run program ...: error=2, No such file or directory" said plainly. */
    private static String why(String reason) {
        String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (lower.contains("error=2,") || lower.contains("error: 2 ") || lower.contains("no such file")) {
            return "not found";
        }
        if (lower.contains("error=13") || lower.contains("error: 13 ") || lower.contains("permission denied")) {
            return "not executable";
        }
        return reason;
    }

    private static String suffix(String stderr) {
        return stderr.isEmpty() ? "" : ": " + message(stderr, 0);
    }
}
