package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provider: teleport} from the command line, as a user runs it: teleform's own processes drive
 * {@code tctl} and {@code tbot} processes (the simulator's stand-ins, or scripts that misbehave as a
 * missing, old or leaky tool would).
 */
class TeleportProviderEndToEndIT {

    @TempDir
    Path dir;

    /** A stack of one workload cluster with a role and an invited user; tools by name on PATH when null. */
    private Path stack(String tctl, String tbot, Path parentIdentity) throws IOException {
        Path stack = StandIns.teleportStack(dir.resolve("stack"), parentIdentity, tctl, tbot);
        Files.writeString(stack.resolve("kid.yaml"), FleetDocuments.workloadCluster("kid") + """
                ---
                kind: role
                version: v7
                metadata: {name: team}
                cluster: kid
                spec: {allow: {logins: [ubuntu]}}
                ---
                kind: user
                version: v2
                metadata: {name: dave}
                cluster: kid
                spec: {roles: [team]}
                invite: {ttl: 2h}
                """);
        return stack;
    }

    private Path script(String name, String body) throws IOException {
        return TestFiles.executable(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
    }

    /** The one test whose stand-ins provision in real time, as Teleport Cloud does: apply waits it out by the clock. */
    @Test
    void appliesAndThenPlansNothingThroughTctlAndTbotFoundOnPath() throws Exception {
        StandIns standIns = StandIns.create(dir, StandIns.Provisioning.REAL_TIME);
        Path stack = stack(null, null, standIns.parentIdentity());
        Path invites = dir.resolve("invites.jsonl");
        Map<String, String> path = Map.of("PATH", standIns.tctl().getParent() + ":" + System.getenv("PATH"));

        CliRun apply = PackagedCli.run(stack, path, "apply", "--auto-approve", "--invites-out", invites.toString());
        assertEquals(0, apply.exit(), apply.err());
        assertTrue(apply.out().contains("workload_cluster/kid: joined"), apply.out());
        assertTrue(apply.out().contains("Apply complete: 3 created, 1 invited."), apply.out());
        String link = Files.readString(invites);
        // a new user: made with its invite link by tctl users add
        assertTrue(link.contains("\"url\":\"https://kid.teleport.sh:443/web/invite/"), link);
        String token = link.substring(link.indexOf("/web/invite/") + "/web/invite/".length(), link.indexOf("\",\"expires"));

        CliRun plan = PackagedCli.run(stack, path, "plan", "--detailed-exitcode");
        assertEquals(0, plan.exit(), plan.out() + plan.err());
        assertTrue(plan.out().startsWith("No changes."), plan.out());
        for (CliRun run : List.of(apply, plan)) {
            assertFalse(run.out().contains(token) || run.err().contains(token), "the link's token was printed");
        }

        // An update through tctl writes live with only the plan's changes: a field set by hand survives.
        assertEquals(0, PackagedCli.run(standIns.stack(), "sim", "edit", "role/team@kid", "--set",
                "spec.allow.kubernetes_groups=[viewers]").exit());
        Files.writeString(stack.resolve("kid.yaml"), Files.readString(stack.resolve("kid.yaml"))
                .replace("logins: [ubuntu]", "logins: [ubuntu, ops]"));
        CliRun update = PackagedCli.run(stack, path, "apply", "--auto-approve");
        assertEquals(0, update.exit(), update.err());
        String role = PackagedCli.run(standIns.stack(), "sim", "get", "role/team@kid").out();
        assertTrue(role.contains("- viewers") && role.contains("- ops"), role);
    }

    @Test
    void aBotThatMayNotListIsReadByNameInOneTctlGetPerCluster() throws Exception {
        StandIns standIns = StandIns.create(dir, true, StandIns.Provisioning.SECOND_READ);
        Path log = dir.resolve("processes.log");
        for (Path tool : List.of(standIns.tctl(), standIns.tbot())) {
            Files.writeString(tool, Files.readString(tool).replace("\nexec ", "\necho \"" + tool.getFileName()
                    + " $*\" >> '" + log + "'\nexec "));
        }
        Path stack = stack(standIns.tctl().toString(), standIns.tbot().toString(), standIns.parentIdentity());
        CliRun apply = PackagedCli.run(stack, "apply", "--auto-approve", "--invites-out", dir.resolve("i.jsonl").toString());
        assertEquals(0, apply.exit(), apply.err());

        Files.deleteIfExists(log);
        CliRun plan = PackagedCli.run(stack, "plan", "--detailed-exitcode");
        assertEquals(0, plan.exit(), plan.out() + plan.err());
        assertTrue(plan.out().startsWith("No changes."), plan.out());
        List<String> processes = Files.readAllLines(log).stream().map(line -> line.replaceAll(" -i \\S+", "")).toList();
        assertEquals(4, processes.size(), "the parent, the join, the denied listing, one read by name: " + processes);
        assertEquals("tctl --auth-server teleform-sim.teleport.sh:443 get workload_clusters --format json",
                processes.get(0));
        assertTrue(processes.get(1).startsWith("tbot start -c "), processes.get(1));
        assertEquals("tctl --auth-server kid.teleport.sh:443 get roles,users --format yaml", processes.get(2));
        // the bot's own role follows the managed names, so its permissions cost no process
        assertTrue(processes.get(3).startsWith("tctl --auth-server kid.teleport.sh:443 get role/team,user/dave,role/")
                && processes.get(3).endsWith(" --format yaml"), processes.get(3));

        Files.writeString(stack.resolve("kid.yaml"), Files.readString(stack.resolve("kid.yaml")) + """
                ---
                kind: role
                version: v7
                metadata: {name: extra}
                cluster: kid
                spec: {allow: {logins: [ops]}}
                """);
        CliRun growing = PackagedCli.run(stack, "plan");
        assertEquals(0, growing.exit(), growing.err());
        assertTrue(growing.out().contains("+ role/extra@kid") && growing.out().contains("Plan: 1 to create, 0 to update"),
                growing.out());
    }

    /**
     * Issue 15's measure on a small fleet: a first apply of 2 workload clusters x (3 roles + 3 invited users with
     * traits) costs, in each workload cluster, one create of its roles, one {@code users add} per user, one create of
     * the users' rests and one read-back of all; on the parent, the refresh's listing, one create and one read-back
     * of both clusters, and status polls that ask about both at once. And its join per workload cluster (tbot). An
     * apply that then changes every role and user costs four tctl processes per workload cluster.
     */
    @Test
    void anApplyCostsAFewTctlProcessesPerClusterPlusOnePerInvitedUser() throws Exception {
        StandIns standIns = StandIns.create(dir, StandIns.Provisioning.SECOND_READ);
        Path log = dir.resolve("processes.log");
        for (Path tool : List.of(standIns.tctl(), standIns.tbot())) {
            Files.writeString(tool, Files.readString(tool).replace("\nexec ", "\necho \"" + tool.getFileName()
                    + " $*\" >> '" + log + "'\nexec "));
        }
        Path stack = standIns.teleportStack(dir.resolve("fleet"));
        for (String cluster : List.of("east", "west")) {
            StringBuilder file = new StringBuilder(FleetDocuments.workloadCluster(cluster));
            for (int i = 0; i < 3; i++) {
                file.append("""
                        ---
                        kind: role
                        version: v7
                        metadata: {name: team-%2$d}
                        cluster: %1$s
                        spec: {allow: {logins: [team%2$d]}}
                        ---
                        kind: user
                        version: v2
                        metadata: {name: user-%2$d}
                        cluster: %1$s
                        spec: {roles: [team-%2$d], traits: {logins: [u%2$d]}}
                        invite: {ttl: 2h}
                        """.formatted(cluster, i));
            }
            Files.writeString(stack.resolve(cluster + ".yaml"), file.toString());
        }
        CliRun apply = PackagedCli.run(stack, "apply", "--auto-approve", "--invites-out", dir.resolve("i.jsonl").toString());
        assertEquals(0, apply.exit(), apply.err());
        assertTrue(apply.out().contains("Apply complete: 14 created, 6 invited."), apply.out());

        Map<String, Long> byCommand = byCommand(log);
        String readsOfClusters = "tctl --auth-server PARENT get REFS --format yaml";
        assertEquals(Map.of(
                "tbot start", 2L,
                "tctl --auth-server PARENT get workload_clusters --format json", 1L,
                "tctl --auth-server PARENT create -f", 1L,
                "tctl --auth-server KID create", 2L,
                "tctl --auth-server KID users add", 6L,
                "tctl --auth-server KID create -f", 2L,
                "tctl --auth-server KID get REFS --format yaml", 2L), without(byCommand, readsOfClusters),
                "per workload cluster: its join, a create of its roles, one users add per user, a create of the "
                        + "users' rests, one read-back: " + byCommand);
        // The clusters' read-back after their create finds them creating, their waits' first polls active: the
        // waits are due together, so the polls are one read that asks about both.
        List<String> reads = Files.readAllLines(log).stream().filter(line -> line.contains(" get workload_cluster/"))
                .toList();
        assertEquals(byCommand.get(readsOfClusters), (long) reads.size());
        assertEquals(2, reads.size(), "a read-back and one round of polls: " + reads);
        assertTrue(reads.stream().allMatch(read -> read.contains("workload_cluster/east,workload_cluster/west")),
                "each read asks about both clusters: " + reads);

        // Every role and user changes: per workload cluster, the plan's listing, then the join, one fresh read of
        // what changes, one create -f of all of it and one read-back.
        for (String cluster : List.of("east", "west")) {
            Path file = stack.resolve(cluster + ".yaml");
            Files.writeString(file, Files.readString(file).replaceAll("logins: \\[(team|u)(\\d)]", "logins: [$1$2, ops]"));
        }
        Files.delete(log);
        CliRun change = PackagedCli.run(stack, "apply", "--auto-approve");
        assertEquals(0, change.exit(), change.err());
        assertTrue(change.out().contains("Apply complete: 12 updated."), change.out());
        assertEquals(Map.of(
                "tbot start", 4L,
                "tctl --auth-server PARENT get workload_clusters --format json", 1L,
                "tctl --auth-server KID get roles,users --format yaml", 2L,
                "tctl --auth-server KID get REFS --format yaml", 4L,
                "tctl --auth-server KID create -f", 2L), byCommand(log), "per workload cluster, 4 tctl however many change");
    }

    /** The tool processes logged, counted by command without refs, identity paths and which workload cluster. */
    private static Map<String, Long> byCommand(Path log) throws IOException {
        Map<String, Long> byCommand = new TreeMap<>();
        for (String line : Files.readAllLines(log)) {
            String command = line.replaceAll(" -i \\S+", "").replaceAll(" -c \\S+", "")
                    .replaceAll("[a-z_]+/[^ ,]+(,[a-z_]+/[^ ,]+)*", "REFS").replaceAll("users add \\S+ .*", "users add")
                    .replace("teleform-sim.teleport.sh:443", "PARENT").replaceAll("(east|west)\\.teleport\\.sh:443", "KID");
            byCommand.merge(command, 1L, Long::sum);
        }
        return byCommand;
    }

    private static Map<String, Long> without(Map<String, Long> counts, String key) {
        Map<String, Long> rest = new java.util.TreeMap<>(counts);
        rest.remove(key);
        return rest;
    }

    @Test
    void aMissingTctlAndAnOldOneEachSayInOneLineWhatToDo() throws Exception {
        Path identity = Files.writeString(dir.resolve("parent.pem"), "not used");
        Path stack = stack(dir.resolve("no-such-tctl").toString(), "tbot", identity);
        CliRun missing = PackagedCli.run(stack, "plan");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("cannot run " + dir.resolve("no-such-tctl") + ": not found; install it or set "
                + "spec.bootstrap.tctl to its path"), missing.err());

        Path old = script("old-tctl", "printf '\\033[31mERROR: unsupported resource: \"workload_clusters\" - resources "
                + "should be expressed as '\"'\"'type/name'\"'\"', for example '\"'\"'connector/github'\"'\"'\\033[0m\\n\\n' >&2; "
                + "exit 1");
        stack = stack(old.toString(), "tbot", identity);
        CliRun outdated = PackagedCli.run(stack, "plan");
        assertEquals(1, outdated.exit());
        assertTrue(outdated.err().contains("does not know workload clusters: install a tctl that supports them, or "
                + "point spec.bootstrap.tctl at one"), outdated.err());
        assertFalse(outdated.err().contains("\u001B["), "no colour codes from tctl: " + outdated.err());
    }

    @Test
    void secretsATctlPrintsNeverReachTeleformsOutput() throws Exception {
        Path identity = Files.writeString(dir.resolve("parent.pem"), "not used");
        String key = TestKeys.privateKeyPem();
        Path keyFile = Files.writeString(dir.resolve("leaked-key.pem"), key);
        Path leaky = script("leaky-tctl", """
                echo "ERROR: access denied: certificate rejected" >&2
                cat '%s' >&2
                echo "retry with https://teleform-sim.teleport.sh:443/web/invite/5f3c9a1b2d4e6f708192a3b4c5d6e7f8" >&2
                echo "token=hunter2-not-for-you" >&2
                exit 1
                """.formatted(keyFile));
        CliRun run = PackagedCli.run(stack(leaky.toString(), "tbot", identity), "plan");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("access denied: certificate rejected"), run.err());
        for (String secret : List.of(TestKeys.bodyLine(key), "PRIVATE KEY",
                "5f3c9a1b2d4e6f708192a3b4c5d6e7f8", "hunter2-not-for-you")) {
            assertFalse(run.out().contains(secret) || run.err().contains(secret), secret + " in:\n" + run.err());
        }
    }
}
