package dev.teleform.provider.teleport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.teleform.engine.provider.ProviderError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error text of TELEPORT.md, as tctl and tbot print it (a red "ERROR: ", the message, a blank line), to its
 * SPI kind; and stderr as the tools really write it: tbot's log before the error, tctl's cluster alerts.
 */
class ToolErrorsTest {

    private static final ToolCommand TCTL = new ToolCommand("spec.bootstrap.tctl",
            List.of("/opt/teleport/bin/tctl", "get", "roles", "--format", "json"), Map.of(), Optional.empty(),
            Duration.ofSeconds(30));
    private static final ToolCommand TBOT = new ToolCommand("spec.bootstrap.tbot",
            List.of("/usr/local/bin/tbot", "start", "-c", "/tmp/teleform-tbot-1/tbot.json"), Map.of(), Optional.empty(),
            Duration.ofSeconds(180));
    private static final String RED = "\u001B[31m";
    private static final String RESET = "\u001B[0m";
    private static final Scrubber SCRUBBER = new Scrubber(List.of());

    /** What tctl and tbot write to stderr for an error (Teleport's utils.FatalError): only the prefix is red. */
    private static String printed(String text) {
        return RED + "ERROR: " + RESET + text + "\n\n";
    }

    /** A cluster alert of severity high as tctl prints it (Teleport's utils.FormatAlert): all red, a blank line. */
    private static String alert(String text) {
        return RED + text + RESET + "\n\n";
    }

    /**
     * tbot's stderr before its error, as its text log handler writes it (timestamp, level, component padded to
     * 11, message, fields, caller); the messages are tbot's own (lib/tbot/tbot.go, service_bot_identity.go).
     */
    private static final String TBOT_LOG = """
            2026-11-25T12:00:00.101Z WARN [TBOT]      Bot is configured with a non-persistent storage destination. \
            If the bot is running in a non-ephemeral environment, this will impact the ability to provide a \
            long-lived bot instance identity tbot/tbot.go:540
            2026-11-25T12:00:00.934Z INFO [TBOT:IDENTITY] Fetched new bot identity identity:kid-bot | valid: \
            after=2026-11-25T12:00:00Z, before=2026-11-25T13:00:00Z | kind=tls, renewable=false, roles=[bot-kid-bot] \
            tbot/service_bot_identity.go:287
            2026-11-25T12:00:00.936Z INFO [TBOT]      Initialization complete. Starting services tbot/tbot.go:404
            2026-11-25T12:00:00.936Z INFO [TBOT]      Running service in oneshot mode \
            service:"identity (directory: /tmp/teleform-tbot-1/out)" tbot/tbot.go:418
            2026-11-25T12:00:01.210Z ERROR [TBOT]      Failed to ping proxy. error:[dial tcp 203.0.113.7:443: connect: \
            connection refused] tbot/tbot.go:706
            2026-11-25T12:00:01.211Z ERROR [TBOT]      Service exited with error \
            service:"identity (directory: /tmp/teleform-tbot-1/out)" error:[access denied to perform action \
            \"read\" on \"cert_authority\"] tbot/tbot.go:421
            """;

    static List<Arguments> texts() {
        return List.of(
                Arguments.of("getting resource \"x\" of type \"role\"\n\trole x is not found", ProviderError.NotFound.class,
                        "getting resource \"x\" of type \"role\": role x is not found"),
                Arguments.of("error deleting resource \"x\" of type \"role\"\n\trole \"x\" is not found",
                        ProviderError.NotFound.class, "error deleting resource \"x\" of type \"role\": role \"x\" is not found"),
                Arguments.of("getting resource \"alice\" of type \"user\"\n\tuser \"alice\" not found",
                        ProviderError.NotFound.class, "getting resource \"alice\" of type \"user\": user \"alice\" not found"),
                Arguments.of("use -f or --force flag to overwrite\n\trole \"x\" already exists",
                        ProviderError.AlreadyExists.class, "use -f or --force flag to overwrite: role \"x\" already exists"),
                Arguments.of("user \"alice\" already registered", ProviderError.AlreadyExists.class,
                        "user \"alice\" already registered"),
                Arguments.of("access denied to perform action \"delete\" on \"user\"", ProviderError.AccessDenied.class,
                        "access denied to perform action \"delete\" on \"user\""),
                // a listing of a kind the identity may read but not list: tctl's context names no resource
                Arguments.of("getting resource \"\" of type \"role\"\n\taccess denied to perform action \"list\" on "
                        + "\"role\"", ProviderError.AccessDenied.class, "getting resource \"\" of type \"role\": access "
                        + "denied to perform action \"list\" on \"role\""),
                Arguments.of("only Teleport Cloud users with the WorkloadClusters feature may use workload cluster "
                        + "resources - please reach out to our support team at support@goteleport.com to discuss "
                        + "enabling this feature", ProviderError.AccessDenied.class, null),
                Arguments.of("workload clusters API is only available to users", ProviderError.AccessDenied.class, null),
                Arguments.of("failed to join child.teleport.sh: IAM identity arn:aws:iam::123456789012:role/ci of account "
                        + "123456789012 does not match any allow rule of token \"child-bot\"",
                        ProviderError.AccessDenied.class, null),
                Arguments.of("unable to communicate with the Teleport Cloud API", ProviderError.ConnectionProblem.class,
                        null),
                Arguments.of("Cannot connect to the auth server. Is the auth server running on \"child.teleport.sh:443\"?",
                        ProviderError.ConnectionProblem.class, null),
                Arguments.of("rate limit exceeded, try again later", ProviderError.LimitExceeded.class, null),
                Arguments.of("creating resources of type \"token\" is not supported", ProviderError.BadParameter.class,
                        null),
                Arguments.of("no resources found, empty input?", ProviderError.BadParameter.class, null),
                Arguments.of("mixed resource types only support YAML formatting", ProviderError.BadParameter.class, null),
                Arguments.of("reserved role: editor", ProviderError.BadParameter.class, null),
                Arguments.of("tctl --identity also requires --auth-server", ProviderError.BadParameter.class, null),
                Arguments.of("workload cluster \"child\" cannot be changed: Teleport Cloud rejects any change to an "
                        + "existing cluster's configuration", ProviderError.BadParameter.class, null),
                Arguments.of("regions is required", ProviderError.BadParameter.class, null),
                Arguments.of("region name is required", ProviderError.BadParameter.class, null),
                Arguments.of("name is required", ProviderError.BadParameter.class, null),
                // Teleport's CreateUserTokenRequest.CheckAndSetDefaults (lib/auth/authclient) on a reset link over 24h
                Arguments.of("failed to create user token for reset password: maximum token TTL is 24h0m0s hours",
                        ProviderError.BadParameter.class, null));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void eachTextMapsToItsKind(String text, Class<? extends ProviderError> kind, String expected) {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.Exited(1, new byte[0], printed(text)),
                new Scrubber(List.of()));
        assertInstanceOf(kind, error, error.toString());
        assertEquals(expected == null ? text : expected, error.message());
    }

    @Test
    void anOldTctlGetsOneLineNamingTheSetting() {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.Exited(1, new byte[0], printed("unsupported resource: "
                + "\"workload_clusters\" - resources should be expressed as 'type/name', for example 'connector/github'")),
                new Scrubber(List.of()));
        assertEquals(new ProviderError.BadParameter("this tctl (/opt/teleport/bin/tctl) does not know workload clusters: "
                + "install a tctl that supports them, or point spec.bootstrap.tctl at one"), error);
    }

    @Test
    void aMissingBinaryNamesTheSetting() {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.NotStarted("Cannot run program \"/opt/teleport/bin/tctl\": "
                + "error=2, No such file or directory"), new Scrubber(List.of()));
        assertEquals(new ProviderError.BadParameter("cannot run /opt/teleport/bin/tctl: not found; install it or set "
                + "spec.bootstrap.tctl to its path"), error);
    }

    @Test
    void aTimeoutIsTransientAndSaysWhatRan() {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.TimedOut(Duration.ofSeconds(30), ""),
                new Scrubber(List.of()));
        assertEquals(new ProviderError.ConnectionProblem("tctl get roles --format json did not finish in 30 s and was "
                + "stopped"), error);
    }

    @Test
    void silenceIsStillAReason() {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.Exited(2, new byte[0], ""), new Scrubber(List.of()));
        assertEquals(new ProviderError.BadParameter("exited with status 2 and printed no reason"), error);
    }

    @Test
    void anOldTctlGetsTheSameHintOnCreate() {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.Exited(1, new byte[0],
                printed("creating resources of type \"workload_cluster\" is not supported")), SCRUBBER);
        assertEquals(new ProviderError.BadParameter("this tctl (/opt/teleport/bin/tctl) does not know workload clusters: "
                + "install a tctl that supports them, or point spec.bootstrap.tctl at one"), error);
    }

    @Test
    void tbotsErrorIsItsLastBlockShownWithTheLastLogLines() {
        String stderr = TBOT_LOG + printed("service(identity (directory: /tmp/teleform-tbot-1/out))\n\taccess denied "
                + "to perform action \"read\" on \"cert_authority\"");
        ProviderError error = ToolErrors.of(TBOT, new ToolRun.Exited(1, new byte[0], stderr), SCRUBBER);
        // the log's "connection refused" does not make the refusal look like a network problem
        assertInstanceOf(ProviderError.AccessDenied.class, error);
        List<String> lastFive = TBOT_LOG.lines().skip(1).map(line -> "    " + line).toList();
        assertEquals("service(identity (directory: /tmp/teleform-tbot-1/out)): access denied to perform action \"read\" "
                + "on \"cert_authority\"\n  last lines of tbot's log:\n" + String.join("\n", lastFive), error.message());
    }

    @Test
    void aLongTbotLogIsCutFromItsStartAndTheErrorAtItsEndIsKept() {
        String stderr = TBOT_LOG.repeat(200) + printed("the cluster is not active yet");
        assertTrue(stderr.length() > Processes.STDERR_CAP);
        byte[] bytes = stderr.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String kept = new String(Processes.drainTail(new java.io.ByteArrayInputStream(bytes), Processes.STDERR_CAP),
                java.nio.charset.StandardCharsets.UTF_8);
        ProviderError error = ToolErrors.of(TBOT, new ToolRun.Exited(1, new byte[0], kept), SCRUBBER);
        assertInstanceOf(ProviderError.ConnectionProblem.class, error);
        assertTrue(error.message().startsWith("the cluster is not active yet\n  last lines of tbot's log:\n"),
                error.message());
    }

    @Test
    void clusterAlertsAroundAnErrorAreNeitherTheErrorNorItsKind() {
        String stderr = alert("A security patch is available for Teleport. Please upgrade your Cluster to 17.4.8 or "
                + "newer.") + printed("use -f or --force flag to overwrite\n\trole \"dev\" already exists");
        ToolStderr parts = ToolStderr.of(stderr);
        assertEquals(List.of("A security patch is available for Teleport. Please upgrade your Cluster to 17.4.8 or "
                + "newer."), parts.alerts());
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.Exited(1, new byte[0], stderr), SCRUBBER);
        assertEquals(new ProviderError.AlreadyExists("use -f or --force flag to overwrite: role \"dev\" already exists"),
                error);
    }

    @Test
    void anAlertThatReadsLikeAnErrorStaysAnAlert() {
        // Teleport's alert when the auth service cannot sign: its words must not make a not-found look like more
        String stderr = alert("Auth Service 5e0c1f4a is configured to use ECDSA, but the following CAs do not contain "
                + "any keys of that type: [db]. The Auth Service is currently unable to sign certificates and degraded "
                + "service is expected. ") + printed("getting resource \"x\" of type \"role\"\n\trole x is not found");
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.Exited(1, new byte[0], stderr), SCRUBBER);
        assertEquals(new ProviderError.NotFound("getting resource \"x\" of type \"role\": role x is not found"), error);
    }

    @Test
    void anErrorWhollyInRedAsOlderStandInsPrintedItIsStillTheError() {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.Exited(1, new byte[0],
                RED + "ERROR: role x is not found" + RESET + "\n\n"), SCRUBBER);
        assertEquals(new ProviderError.NotFound("role x is not found"), error);
    }

    /**
     * What Teleport answers an admin action made without MFA when MFA for admin actions is required: the text of
     * {@code ErrAdminActionMFARequired} in Teleport's {@code api/mfa/mfa.go}, which tctl prints when it cannot hold an
     * MFA ceremony ({@code api/utils/grpc/interceptors/mfa.go}). It is an access-denied error with one way out.
     */
    @Test
    void theAdminActionMfaRefusalSaysToReachTheParentAsABot() {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.Exited(1, new byte[0],
                printed("admin-level API request requires MFA verification")), SCRUBBER);
        assertEquals(new ProviderError.AccessDenied("admin-level API request requires MFA verification\n  Teleport "
                + "requires MFA for this admin action, which a run without a person at a terminal cannot give; a "
                + "Machine ID bot needs none. Reach the parent as a bot: set spec.parent.join (in GitHub Actions "
                + "{method: github, token: NAME}) instead of spec.parent.identity_file"), error);
        assertEquals(false, error.transientFailure(), "no retry gives a person a terminal");
    }

    /**
     * The same refusal from a workload cluster reached with {@code spec.clusters.NAME.identity_file}, a person's
     * identity: the way out is that cluster's own bot, not the parent's join.
     */
    @Test
    void theAdminActionMfaRefusalOfAWorkloadClusterReachedAsAPersonSaysToDropItsIdentityFile() {
        Path identity = Path.of("/work/stack/child-admin.identity");
        ToolCommand create = new ToolCommand("spec.bootstrap.tctl", List.of("/opt/teleport/bin/tctl", "--auth-server",
                "child.teleport.sh:443", "-i", identity.toString(), "create", "-f"), Map.of(), Optional.empty(),
                Duration.ofSeconds(30));
        ProviderError error = ToolErrors.of(create, new ToolRun.Exited(1, new byte[0],
                printed("admin-level API request requires MFA verification")), SCRUBBER,
                Map.of("child", identity, "other", Path.of("/work/stack/other.identity")));
        assertEquals(new ProviderError.AccessDenied("admin-level API request requires MFA verification\n  Teleport "
                + "requires MFA for this admin action, which a run without a person at a terminal cannot give; a "
                + "Machine ID bot needs none. Reach child as a bot: drop spec.clusters.child.identity_file, so "
                + "Teleform joins it as the cluster's own bot, or set it to a bot's identity"), error);
    }

    /** A call to the parent with a person's identity file gets the parent's hint, whatever the clusters' files are. */
    @Test
    void theAdminActionMfaRefusalOfTheParentReachedAsAPersonSaysToJoinIt() {
        ToolCommand create = new ToolCommand("spec.bootstrap.tctl", List.of("/opt/teleport/bin/tctl", "--auth-server",
                "acme.teleport.sh:443", "-i", "/work/stack/admin.identity", "create", "-f"), Map.of(), Optional.empty(),
                Duration.ofSeconds(30));
        ProviderError error = ToolErrors.of(create, new ToolRun.Exited(1, new byte[0],
                printed("admin-level API request requires MFA verification")), SCRUBBER,
                Map.of("child", Path.of("/work/stack/child-admin.identity")));
        assertEquals(new ProviderError.AccessDenied("admin-level API request requires MFA verification\n  "
                + ToolErrors.ADMIN_MFA_HINT), error);
    }

    /** tbot's github join outside a job with an ID token (Teleport's lib/githubactions/token_source.go), as tbot wraps it. */
    @Test
    void aGithubJoinWithoutTheJobsIdTokenVariablesNamesThePermissionBeforeTheLog() {
        String stderr = TBOT_LOG.lines().findFirst().orElseThrow() + "\n"
                + printed("joining with token\n\tACTIONS_ID_TOKEN_REQUEST_TOKEN environment variable missing");
        ProviderError error = ToolErrors.of(TBOT, new ToolRun.Exited(1, new byte[0], stderr), SCRUBBER);
        assertInstanceOf(ProviderError.BadParameter.class, error);
        assertEquals("joining with token: ACTIONS_ID_TOKEN_REQUEST_TOKEN environment variable missing\n  the job "
                + "cannot ask GitHub for an ID token: give it permissions: id-token: write (GitHub then sets "
                + "ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN)\n  last lines of tbot's log:\n    "
                + TBOT_LOG.lines().findFirst().orElseThrow(), error.message());
    }
}
