package dev.teleform.provider.simulator.standin;

import static dev.teleform.provider.simulator.SimTestSupport.cluster;
import static dev.teleform.provider.simulator.SimTestSupport.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.TestClock;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.Provider;
import dev.teleform.provider.simulator.SimFixture;
import dev.teleform.provider.simulator.SimulatorProviderFactory;
import dev.teleform.provider.simulator.cloud.SimConsole;
import dev.teleform.provider.simulator.store.SimStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tbot stand-in refuses what real tbot refuses, with kingpin's texts, and logs as tbot logs on every run
 * that reaches its configuration (TELEPORT.md §5, §6).
 */
class TbotStandInTest {

    @TempDir
    Path dir;

    private record Run(int exit, String err) {}

    private final TestClock clock = SimFixture.clock();

    private Run tbot(String... args) {
        StringWriter err = new StringWriter();
        SimConsole console = new SimConsole(SimFixture.config(dir.resolve("sim"), clock));
        int exit = new TbotStandIn(console, new PrintWriter(err), Map.of()).run(List.of(args));
        return new Run(exit, err.toString());
    }

    @Test
    void anUnknownFlagIsRefused() {
        assertEquals(new Run(1, "\u001B[31mERROR: \u001B[0munknown long flag '--oneshot'\n\n"),
                tbot("start", "-c", dir.resolve("tbot.yaml").toString(), "--oneshot"));
        assertEquals(new Run(1, "\u001B[31mERROR: \u001B[0munknown short flag '-x'\n\n"), tbot("-x", "start"));
    }

    @Test
    void anUnknownCommandIsRefused() {
        assertEquals(new Run(1, "\u001B[31mERROR: \u001B[0mexpected command but got \"stop\"\n\n"), tbot("stop"));
    }

    @Test
    void startNeedsAConfiguration() {
        assertEquals(new Run(1, "\u001B[31mERROR: \u001B[0ma configuration file is required: tbot start -c FILE\n\n"),
                tbot("start"));
        assertEquals(new Run(1, "\u001B[31mERROR: \u001B[0mexpected argument for flag '-c'\n\n"), tbot("start", "-c"));
    }

    /** A one-shot config as the provider writes it, for the cluster "child". */
    private String config(String token) throws Exception {
        Path out = dir.resolve("out");
        return Files.writeString(dir.resolve("tbot.json"), """
                {"version": "v2", "oneshot": true, "proxy_server": "child.teleport.sh:443",
                 "onboarding": {"join_method": "iam", "token": "%s"}, "storage": {"type": "memory"},
                 "services": [{"type": "identity", "destination": {"type": "directory", "path": "%s"}}]}
                """.formatted(token, out)).toString();
    }

    private void activeCluster() {
        try (Provider provider = new SimulatorProviderFactory().open(SimFixture.config(dir.resolve("sim"), clock))) {
            ok(provider.create(ClusterTarget.parent(), cluster("child")));
        }
        clock.advance(SimFixture.DELAY);
    }

    @Test
    void aJoinLogsAsTbotDoesAndPrintsNoError() throws Exception {
        activeCluster();
        Run run = tbot("start", "-c", config("example-iam"));
        assertEquals(0, run.exit(), run.err());
        Path out = dir.resolve("out");
        assertEquals("""
                2026-11-25T10:05:00.000Z WARN [TBOT]      Bot is configured with a non-persistent storage destination. \
                If the bot is running in a non-ephemeral environment, this will impact the ability to provide a \
                long-lived bot instance identity tbot/tbot.go:540
                2026-11-25T10:05:00.000Z INFO [TBOT:IDENTITY] Fetched new bot identity identity:example-iam | valid: \
                after=2026-11-25T10:05:00Z, before=2026-11-25T11:05:00Z | kind=tls, renewable=false, \
                roles=[bot-example-iam] tbot/service_bot_identity.go:287
                2026-11-25T10:05:00.000Z INFO [TBOT]      Initialization complete. Starting services tbot/tbot.go:404
                2026-11-25T10:05:00.000Z INFO [TBOT]      Running service in oneshot mode \
                service:"identity (directory: %1$s)" tbot/tbot.go:418
                2026-11-25T10:05:00.000Z INFO [TBOT]      Service finished service:"identity (directory: %1$s)" \
                tbot/tbot.go:427
                """.formatted(out), run.err());
        assertTrue(Files.isRegularFile(out.resolve("identity")));
    }

    @Test
    void aRefusedJoinLogsFirstAndEndsWithTheRedErrorBlock() throws Exception {
        activeCluster();
        Run run = tbot("start", "-c", config("someone-else"));
        assertEquals(1, run.exit());
        String[] lines = run.err().split("\n", -1);
        assertTrue(lines[0].matches("2026-11-25T10:05:00\\.000Z WARN \\[TBOT]      Bot is configured with a "
                + "non-persistent storage destination\\..* tbot/tbot\\.go:540"), lines[0]);
        assertEquals("\u001B[31mERROR: \u001B[0mtoken \"someone-else\" is not found in child.teleport.sh", lines[1]);
        assertEquals(List.of("", ""), List.of(lines[2], lines[3]), "a blank line ends the error");
        assertEquals(4, lines.length);
    }

    private Run tbot(Map<String, String> environment, String... args) {
        StringWriter err = new StringWriter();
        SimConsole console = new SimConsole(SimFixture.config(dir.resolve("sim"), clock));
        int exit = new TbotStandIn(console, new PrintWriter(err), environment).run(List.of(args));
        return new Run(exit, err.toString());
    }

    /** The one-shot config the provider writes for {@code spec.parent.join: {method: github, token: teleform-ci}}. */
    private String parentConfig() throws Exception {
        return Files.writeString(dir.resolve("parent-tbot.json"), """
                {"version": "v2", "oneshot": true, "proxy_server": "teleform-sim.teleport.sh:443",
                 "onboarding": {"join_method": "github", "token": "teleform-ci"}, "storage": {"type": "memory"},
                 "services": [{"type": "identity", "destination": {"type": "directory", "path": "%s"}}]}
                """.formatted(dir.resolve("parent-out"))).toString();
    }

    /** What a GitHub runner sets for a job with {@code permissions: id-token: write}. */
    private static final Map<String, String> GITHUB_JOB = Map.of(
            "ACTIONS_ID_TOKEN_REQUEST_URL", "https://pipelines.actions.githubusercontent.com/x/idtoken?api-version=2.0",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-token");

    @Test
    void aGithubJoinOfTheParentInAJobThatMayAskForAnIdTokenWritesAnIdentityTctlAccepts() throws Exception {
        Run run = tbot(GITHUB_JOB, "start", "-c", parentConfig());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("Fetched new bot identity identity:teleform-ci"), run.err());
        Path identity = dir.resolve("parent-out/identity");
        SimConsole console = new SimConsole(SimFixture.config(dir.resolve("sim"), clock));
        var caller = ok(console.cloud().identities().authenticate(identity, SimStore.PARENT, clock.instant()));
        assertEquals("bot-teleform-ci", caller.user());
        assertTrue(caller.bot(), "a Machine ID bot, which admin-action MFA exempts");
    }

    @Test
    void aGithubJoinWithoutTheJobsIdTokenVariablesFailsAsTbotDoes() throws Exception {
        Run outside = tbot(Map.of(), "start", "-c", parentConfig());
        assertEquals(1, outside.exit());
        assertTrue(outside.err().endsWith("\u001B[31mERROR: \u001B[0mjoining with token\n"
                + "\tACTIONS_ID_TOKEN_REQUEST_URL environment variable missing\n\n"), outside.err());
        Run halfway = tbot(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", "https://x.example/idtoken"), "start", "-c",
                parentConfig());
        assertTrue(halfway.err().endsWith("\tACTIONS_ID_TOKEN_REQUEST_TOKEN environment variable missing\n\n"),
                halfway.err());
        assertTrue(Files.notExists(dir.resolve("parent-out/identity")));
    }
}
