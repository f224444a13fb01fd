package dev.teleform.provider.teleport;

import dev.teleform.engine.provider.ProviderError;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a failed {@code tctl} or {@code tbot} run into the SPI's error kinds, from the exit status and
 * the texts of TELEPORT.md §3 and §5. Matching is on the stable part of each text ("not found",
 * "already exists", "access denied"), after colour codes and secrets are gone. What is not recognised
 * is a permanent {@link ProviderError.BadParameter}: retrying an error nobody understands only hides it.
 */
final class ToolErrors {

    /**
     * What an old tctl says about the kind it does not know: on {@code get} and {@code rm} the reference
     * is refused, on {@code create} the document (TELEPORT.md §1, §6).
     */
    static final List<String> UNSUPPORTED_WORKLOAD_CLUSTERS = List.of("unsupported resource: \"workload_cluster",
            "creating resources of type \"workload_cluster\" is not supported");
    /**
     * What Teleport answers an admin action (a workload cluster write, {@code tctl create}) made without MFA when
     * MFA for admin actions is on: {@code ErrAdminActionMFARequired}, an access-denied error (Teleport's
     * {@code api/mfa/mfa.go}). tctl tries an MFA ceremony first and, when it cannot hold one, returns this error,
     * alone or with the ceremony's ({@code api/utils/grpc/interceptors/mfa.go}).
     */
    static final String ADMIN_MFA_REQUIRED = "admin-level API request requires MFA verification";
    /** Why {@link #ADMIN_MFA_REQUIRED} has no way out but a bot in a run no person attends. */
    private static final String ADMIN_MFA_WHY = "Teleport requires MFA for this admin action, which a run without a "
            + "person at a terminal cannot give; a Machine ID bot needs none. ";
    /** The way out of {@link #ADMIN_MFA_REQUIRED} for a call to the parent. */
    static final String ADMIN_MFA_HINT = ADMIN_MFA_WHY + "Reach the parent as a bot: set spec.parent.join "
            + "(in GitHub Actions {method: github, token: NAME}) instead of spec.parent.identity_file";

    /** The way out of {@link #ADMIN_MFA_REQUIRED} for a call to workload cluster {@code cluster} with a person's identity. */
    static String adminMfaHint(String cluster) {
        return ADMIN_MFA_WHY + "Reach " + cluster + " as a bot: drop spec.clusters." + cluster + ".identity_file, "
                + "so Teleform joins it as the cluster's own bot, or set it to a bot's identity";
    }
    /**
     * What tbot's github join says outside a job that may ask GitHub for an ID token (Teleport's
     * {@code lib/githubactions/token_source.go}).
     */
    static final List<String> GITHUB_ID_TOKEN_MISSING = List.of(
            "actions_id_token_request_url environment variable missing",
            "actions_id_token_request_token environment variable missing");
    static final String GITHUB_ID_TOKEN_HINT = "the job cannot ask GitHub for an ID token: give it permissions: "
            + "id-token: write (GitHub then sets ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN)";
    /** How many of tbot's last log lines a failure shows: what it was doing when it failed. */
    static final int LOG_LINES_SHOWN = 5;

    private ToolErrors() {}

    /** The error of a run that did not succeed, which went to no workload cluster with an identity file. */
    static ProviderError of(ToolCommand command, ToolRun run, Scrubber scrubber) {
        return of(command, run, scrubber, Map.of());
    }

    /**
     * The error of a run that did not succeed.
     *
     * @param clusterIdentities {@code spec.clusters.NAME.identity_file} by NAME: a command whose {@code -i} is one of
     *                          them went to that workload cluster as a person, which an MFA refusal's hint names
     */
    static ProviderError of(ToolCommand command, ToolRun run, Scrubber scrubber, Map<String, Path> clusterIdentities) {
        return switch (run) {
            case ToolRun.NotStarted notStarted -> new ProviderError.BadParameter("cannot run " + command.binary()
                    + ": " + why(notStarted.reason()) + "; install it or set " + command.tool() + " to its path");
            case ToolRun.TimedOut timedOut -> {
                String said = scrubber.clean(String.join("\n", reason(ToolStderr.of(timedOut.stderr()))));
                yield new ProviderError.ConnectionProblem(command.describe() + " did not finish in "
                        + timedOut.after().toSeconds() + " s and was stopped" + (said.isEmpty() ? ""
                        : ": " + message(said, 0)));
            }
            case ToolRun.Exited exited -> {
                ToolStderr stderr = ToolStderr.of(exited.stderr());
                String reason = message(scrubber.clean(String.join("\n", reason(stderr))), exited.status());
                yield classify(command, reason, logShown(command, stderr, scrubber), clusterIdentities);
            }
        };
    }

    /** The error block; without one, the last lines the tool printed. */
    private static List<String> reason(ToolStderr stderr) {
        return stderr.error().isEmpty() ? stderr.lastLog(LOG_LINES_SHOWN) : stderr.error();
    }

    /** The log lines that led up to the error block, indented under it, if the tool logged any. */
    private static String logShown(ToolCommand command, ToolStderr stderr, Scrubber scrubber) {
        if (stderr.error().isEmpty() || stderr.log().isEmpty()) {
            return "";
        }
        String log = scrubber.clean(String.join("\n", stderr.lastLog(LOG_LINES_SHOWN)));
        return "\n  last lines of " + Path.of(command.binary()).getFileName() + "'s log:\n    "
                + String.join("\n    ", log.lines().toList());
    }

    /**
     * One line from an error block: {@code ERROR: } and blank lines dropped, the server's indented text
     * joined to tctl's context with ": ".
     */
    static String message(String cleanStderr, int status) {
        String joined = cleanStderr.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.startsWith("ERROR:") ? line.substring("ERROR:".length()).strip() : line)
                .collect(Collectors.joining(": "));
        return joined.isEmpty() ? "exited with status " + status + " and printed no reason" : joined;
    }

    /** The kind {@code reason} names, with the reason, a hint if there is one, and {@code log} as its message. */
    private static ProviderError classify(ToolCommand command, String reason, String log,
            Map<String, Path> clusterIdentities) {
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains(ADMIN_MFA_REQUIRED.toLowerCase(Locale.ROOT))) {
            String hint = personsCluster(command, clusterIdentities).map(ToolErrors::adminMfaHint)
                    .orElse(ADMIN_MFA_HINT);
            return new ProviderError.AccessDenied(reason + "\n  " + hint + log);
        }
        if (GITHUB_ID_TOKEN_MISSING.stream().anyMatch(lower::contains)) {
            return new ProviderError.BadParameter(reason + "\n  " + GITHUB_ID_TOKEN_HINT + log);
        }
        String shown = reason + log;
        if (UNSUPPORTED_WORKLOAD_CLUSTERS.stream().anyMatch(lower::contains)) {
            return new ProviderError.BadParameter("this tctl (" + command.binary() + ") does not know workload "
                    + "clusters: install a tctl that supports them, or point " + command.tool() + " at one");
        }
        if (lower.contains("already exists") || lower.contains("already registered")
                || lower.contains("use -f or --force flag to overwrite")) {
            return new ProviderError.AlreadyExists(shown);
        }
        if (lower.contains("not found") || lower.contains("does not exist")) {
            return new ProviderError.NotFound(shown);
        }
        if (lower.contains("access denied") || lower.contains("only teleport cloud users with the workloadclusters "
                + "feature") || lower.contains("is only available to users") || lower.contains("not authorized")
                || lower.contains("permission denied") || lower.contains("match any allow rule")) {
            // "only available to users" is a connection-problem kind in Teleport, but no retry can change who calls
            return new ProviderError.AccessDenied(shown);
        }
        if (lower.contains("rate limit") || lower.contains("too many requests") || lower.contains("limit exceeded")) {
            return new ProviderError.LimitExceeded(shown);
        }
        if (lower.contains("cannot connect to the auth server") || lower.contains("unable to communicate with the "
                + "teleport cloud api") || lower.contains("connection refused") || lower.contains("connection reset")
                || lower.contains("i/o timeout") || lower.contains("context deadline exceeded")
                || lower.contains("tls handshake timeout") || lower.contains("unexpected eof")
                || lower.contains("the cluster is not active yet") || lower.contains("service unavailable")) {
            return new ProviderError.ConnectionProblem(shown);
        }
        return new ProviderError.BadParameter(shown);
    }

    /** The workload cluster whose {@code spec.clusters.NAME.identity_file} the command ran with ({@code -i}), if any. */
    private static Optional<String> personsCluster(ToolCommand command, Map<String, Path> clusterIdentities) {
        int flag = command.argv().indexOf("-i");
        if (flag < 0 || flag + 1 >= command.argv().size()) {
            return Optional.empty();
        }
        Path identity = Path.of(command.argv().get(flag + 1));
        return clusterIdentities.entrySet().stream().filter(entry -> entry.getValue().equals(identity))
                .map(Map.Entry::getKey).sorted().findFirst();
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
}
