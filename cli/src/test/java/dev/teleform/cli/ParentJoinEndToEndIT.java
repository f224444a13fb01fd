package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.parent.join} from the command line, as a CI job runs it: teleform drives the {@code tctl} and
 * {@code tbot} stand-ins, whose parent requires MFA for admin actions, as a Teleport Cloud tenant may. A job that
 * may ask GitHub for an ID token applies as the parent's Machine ID bot; a person's identity file is refused by the
 * MFA check and told to use a bot; a job without the ID token permission is told which permission it lacks.
 */
class ParentJoinEndToEndIT {

    /** What a GitHub runner sets in a job with {@code permissions: id-token: write}. */
    private static final Map<String, String> GITHUB_JOB = Map.of(
            "ACTIONS_ID_TOKEN_REQUEST_URL", "https://pipelines.actions.githubusercontent.com/acme/idtoken?api-version=2.0",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "eyJ0eXAiOiJKV1QifQ.job-request-token-not-for-logs");

    @TempDir
    static Path dir;

    private static StandIns standIns;
    /** A tbot that notes each config it is given, then is the stand-in: where each run's private directory was. */
    private static Path recordingTbot;

    @BeforeAll
    static void cloudWithAdminMfa() throws Exception {
        standIns = StandIns.create(dir, StandIns.Provisioning.SECOND_READ);
        CliRun mfa = PackagedCli.run(standIns.stack(), "sim", "admin-mfa", "on");
        assertEquals(0, mfa.exit(), mfa.err());
        recordingTbot = TestFiles.executable(dir.resolve("recording-tbot"), """
                #!/bin/sh
                printf '%%s\\n' "$3" >> '%s'
                exec '%s' "$@"
                """.formatted(dir.resolve("tbot-configs"), standIns.tbot()));
    }

    /** The config of every tbot run so far, in order. */
    private static List<String> tbotConfigs() throws java.io.IOException {
        Path configs = dir.resolve("tbot-configs");
        return Files.exists(configs) ? Files.readAllLines(configs) : List.of();
    }

    /** A stack of one workload cluster with a role, reaching the parent as {@code parent} says. */
    private static Path stack(String name, String parent) throws Exception {
        Path stack = Files.createDirectories(dir.resolve(name));
        Files.writeString(stack.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: %s}
                spec:
                  provider: teleport
                  parent:
                    proxy: teleform-sim.teleport.sh:443
                %s
                  bootstrap: {tctl: %s, tbot: %s}
                """.formatted(name, parent.indent(4).stripTrailing(), standIns.tctl(), recordingTbot));
        Files.writeString(stack.resolve("cluster.yaml"), FleetDocuments.workloadCluster(name) + """
                ---
                kind: role
                version: v7
                metadata: {name: team}
                cluster: %1$s
                spec: {allow: {logins: [ubuntu]}}
                """.formatted(name));
        return stack;
    }

    @Test
    void aJobThatMayAskForAnIdTokenAppliesAsTheParentsBotAndLeavesNoIdentityBehind() throws Exception {
        Path stack = stack("ci", "join: {method: github, token: teleform-ci}");
        int joinsBefore = tbotConfigs().size();

        CliRun apply = PackagedCli.run(stack, GITHUB_JOB, "apply", "--auto-approve");
        assertEquals(0, apply.exit(), apply.err());
        assertTrue(apply.out().contains("workload_cluster/ci: created") && apply.out().contains("role/team@ci: created"),
                apply.out());
        CliRun plan = PackagedCli.run(stack, GITHUB_JOB, "plan", "--detailed-exitcode");
        assertEquals(0, plan.exit(), plan.out() + plan.err());
        assertTrue(plan.out().startsWith("No changes."), plan.out());

        List<String> configs = tbotConfigs();
        assertTrue(configs.size() - joinsBefore >= 4, "each run joined the parent and the cluster: " + configs);
        for (String config : configs.subList(joinsBefore, configs.size())) {
            assertFalse(Files.exists(Path.of(config).getParent()), "tbot's private directory is gone: " + config);
        }
        for (CliRun run : List.of(apply, plan)) {
            assertFalse((run.out() + run.err()).contains("job-request-token-not-for-logs"), "the job's token was printed");
        }
        String calls = PackagedCli.run(standIns.stack(), "sim", "status").out();
        assertTrue(calls.contains("join_parent"), calls);
    }

    @Test
    void aPersonsIdentityFileMeetsTheMfaCheckAndIsToldToReachTheParentAsABot() throws Exception {
        Path stack = stack("laptop", "identity_file: " + standIns.parentIdentity());
        CliRun apply = PackagedCli.run(stack, "apply", "--auto-approve");
        assertEquals(1, apply.exit(), apply.err());
        assertTrue(apply.err().contains("admin-level API request requires MFA verification"), apply.err());
        assertTrue(apply.err().contains("Reach the parent as a bot: set spec.parent.join (in GitHub Actions "
                + "{method: github, token: NAME}) instead of spec.parent.identity_file"), apply.err());
    }

    @Test
    void aJobWithoutTheIdTokenPermissionIsToldWhichPermissionItLacks() throws Exception {
        Path stack = stack("no-permission", "join: {method: github, token: teleform-ci}");
        // as a runner sets nothing without the permission (empty here, in case this test itself runs in such a job)
        CliRun plan = PackagedCli.run(stack, Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", "",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", ""), "plan");
        assertEquals(1, plan.exit(), plan.err());
        assertTrue(plan.err().contains("parent cluster: cannot join it as the Machine ID bot of spec.parent.join: "
                + "joining with token: ACTIONS_ID_TOKEN_REQUEST_URL environment variable missing"), plan.err());
        assertTrue(plan.err().contains("give it permissions: id-token: write"), plan.err());
    }

    @Test
    void aStackThatNamesBothAnIdentityFileAndAJoinIsRefusedAtItsPlaceBeforeAnythingRuns() throws Exception {
        Path stack = stack("both", "identity_file: " + standIns.parentIdentity() + "\njoin: {method: github, token: x}");
        int joinsBefore = tbotConfigs().size();
        CliRun apply = PackagedCli.run(stack, GITHUB_JOB, "apply", "--auto-approve");
        assertEquals(1, apply.exit(), apply.err());
        assertTrue(apply.err().contains("stack.yaml:9:5: error: spec.parent.join: set either identity_file or join, "
                + "not both"), apply.err());
        assertTrue(apply.err().contains("nothing was changed"), apply.err());
        assertFalse(Files.exists(stack.resolve(".teleform")), "no state, no lock");
        assertEquals(joinsBefore, tbotConfigs().size(), "no tbot ran");
    }
}
