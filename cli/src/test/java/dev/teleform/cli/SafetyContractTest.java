package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first promise, one regression test per way it was found broken: apply does exactly what the
 * plan showed, to exactly what the stack manages, and loses no field, credential, invite link or
 * protected resource. Each runs the quickstart on the simulator as a user would.
 */
class SafetyContractTest {

    @TempDir
    Path dir;

    @BeforeEach
    void quickstart() throws IOException {
        CliRun.copyQuickstart(dir, true);
    }

    private CliRun teleform(String command, String... more) {
        String[] args = new String[2 + more.length];
        args[0] = command;
        args[1] = dir.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        return CliRun.of(args);
    }

    /** {@code teleform state SUBCOMMAND [ARG] DIR}. */
    private CliRun state(String... args) {
        String[] full = new String[2 + args.length];
        full[0] = "state";
        System.arraycopy(args, 0, full, 1, args.length);
        full[full.length - 1] = dir.toString();
        return CliRun.of(full);
    }

    private CliRun sim(String... args) {
        String[] full = new String[3 + args.length];
        full[0] = "sim";
        full[1] = "-C";
        full[2] = dir.toString();
        System.arraycopy(args, 0, full, 3, args.length);
        return CliRun.of(full);
    }

    private void applied(String... more) {
        String[] args = new String[more.length + 1];
        args[0] = "--auto-approve";
        System.arraycopy(more, 0, args, 1, more.length);
        CliRun run = teleform("apply", args);
        assertEquals(0, run.exit(), run.err());
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text, StandardOpenOption.APPEND);
    }

    private void replace(String file, String from, String to) throws IOException {
        String text = Files.readString(dir.resolve(file));
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(dir.resolve(file), text.replace(from, to));
    }

    private static final String OPS_ROLE = """
            ---
            kind: role
            version: v7
            metadata: {name: ops}
            cluster: child
            spec: {allow: {logins: [ops]}}
            """;

    /** Item 1: an update writes live with the stack's fields set, so what the stack leaves alone stays. */
    @Test
    void anUpdateKeepsIgnoredAndUnmanagedFieldsAtTheirLiveValues() throws IOException {
        append("users.yaml", "lifecycle: {ignore_changes: [/spec/traits]}\n");
        append("roles.yaml", OPS_ROLE);
        applied();
        assertEquals(0, sim("edit", "user/example@child", "--set", "spec.traits={\"logins\":[\"alice\"]}").exit());
        assertEquals(0, sim("edit", "role/example@child", "--set", "spec.allow.kubernetes_groups=[viewers]").exit());
        replace("users.yaml", "roles: [example]", "roles: [example, ops]");
        replace("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu, admin]");

        CliRun plan = teleform("plan");
        assertTrue(plan.out().contains("~ spec.roles: [\"example\"] -> [\"example\",\"ops\"]"), plan.out());
        assertFalse(plan.out().contains("traits") || plan.out().contains("kubernetes_groups"), plan.out());
        applied();

        String user = sim("get", "user/example@child").out();
        assertTrue(user.contains("- alice"), "the ignored traits keep their live value:\n" + user);
        assertTrue(user.contains("- ops"), user);
        String role = sim("get", "role/example@child").out();
        assertTrue(role.contains("- viewers"), "a field the stack does not set keeps its live value:\n" + role);
        assertTrue(role.contains("- admin"), role);
        assertEquals(0, teleform("plan", "--detailed-exitcode").exit());
    }

    /** Item 1: a field dropped from the stack since the last apply is removed from live. */
    @Test
    void anUpdateRemovesWhatTheStackDroppedSinceTheLastApply() throws IOException {
        replace("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu]\n    kubernetes_groups: [viewers]");
        applied();
        replace("roles.yaml", "\n    kubernetes_groups: [viewers]", "");
        replace("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu, admin]");
        applied();
        String role = sim("get", "role/example@child").out();
        assertFalse(role.contains("viewers"), role);
        assertEquals(0, teleform("plan", "--detailed-exitcode").exit());
    }

    /** Item 2: destroy deletes what state holds, never a live resource that merely has a declared name. */
    @Test
    void destroyLeavesAliveWhatStateDoesNotHold() {
        applied();
        assertEquals(0, state("rm", "role/workload-cluster-editor").exit());
        CliRun plan = teleform("plan", "--destroy");
        assertFalse(plan.out().contains("- role/workload-cluster-editor"), plan.out());
        CliRun destroy = teleform("destroy", "--auto-approve", "--allow-destroy");
        assertEquals(0, destroy.exit(), destroy.err());
        assertEquals(0, sim("get", "role/workload-cluster-editor").exit(), "the unmanaged role is still there");
    }

    /** Item 3a: a protected role inside a workload cluster refuses the cluster's delete. */
    @Test
    void aProtectedResourceInsideAClusterRefusesTheClustersDelete() throws IOException {
        replace("roles.yaml", "cluster: child\n", "cluster: child\nlifecycle: {prevent_destroy: true}\n");
        applied();
        CliRun destroy = teleform("plan", "--destroy");
        assertEquals(1, destroy.exit(), destroy.out());
        assertTrue(destroy.err().contains("role/example@child has lifecycle.prevent_destroy"), destroy.err());
        assertTrue(destroy.err().contains("workload_cluster/child"), destroy.err());

        Files.delete(dir.resolve("cluster.yaml"));
        Files.delete(dir.resolve("users.yaml"));
        Files.writeString(dir.resolve("roles.yaml"), Files.readString(dir.resolve("roles.yaml")).split("---")[0]);
        CliRun removed = teleform("apply", "--auto-approve", "--allow-destroy");
        assertEquals(1, removed.exit());
        assertTrue(removed.err().contains("role/example@child has lifecycle.prevent_destroy"), removed.err());
        assertEquals(0, sim("get", "workload_cluster/child").exit(), "nothing was deleted");
    }

    /** Item 3b: --replace deletes first, so prevent_destroy refuses it. */
    @Test
    void replaceOfAProtectedResourceIsRefused() throws IOException {
        replace("roles.yaml", "name: workload-cluster-editor\n",
                "name: workload-cluster-editor\nlifecycle: {prevent_destroy: true}\n");
        applied();
        CliRun plan = teleform("plan", "--replace", "role/workload-cluster-editor");
        assertEquals(1, plan.exit(), plan.out());
        assertTrue(plan.err().contains("--replace role/workload-cluster-editor")
                && plan.err().contains("prevent_destroy"), plan.err());
    }

    /** Item 6: a cluster deleted outside Teleform is drift, and it is planned again with its contents. */
    @Test
    void aClusterDeletedOutsideTeleformIsDriftAndComesBackWithItsContents() {
        applied();
        assertEquals(0, sim("delete", "workload_cluster/child").exit());
        CliRun plan = teleform("plan", "--detailed-exitcode");
        assertEquals(2, plan.exit(), plan.out() + plan.err());
        assertTrue(plan.out().contains("workload_cluster/child: deleted outside Teleform"), plan.out());
        assertTrue(plan.out().contains("+ workload_cluster/child"), plan.out());
        assertTrue(plan.out().contains("+ role/example@child"), plan.out());
        assertTrue(plan.out().contains("+ user/example@child"), plan.out());
    }

    /** Item 6: while a cluster is not active its contents are unknown, in every format, never unchanged. */
    @Test
    void theContentsOfAClusterThatIsNotActiveAreUnknown() {
        applied();
        assertEquals(0, sim("faults", "--provisioning", "stuck", "--cluster", "child").exit());
        CliRun plan = teleform("plan", "--detailed-exitcode");
        assertTrue(plan.out().contains("role/example@child") && plan.out().contains("(unknown until active)"),
                plan.out());
        assertFalse(plan.out().contains("No changes"), plan.out());
        String json = teleform("plan", "--format", "json").out();
        assertTrue(json.contains("\"unknown\"") && json.contains("\"role/example@child\""), json);
        String markdown = teleform("plan", "--format", "markdown").out();
        assertTrue(markdown.contains("unknown until active"), markdown);
    }

    /** Item 7: a name inside Teleport Cloud's restore window gets an error that names the window. */
    @Test
    void recreatingADeletedClusterInsideTheRestoreWindowNamesTheWindow() {
        applied();
        assertEquals(0, sim("delete", "workload_cluster/child").exit());
        CliRun run = teleform("apply", "--auto-approve");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("restore window"), run.err());
        assertFalse(run.err().contains("is not found"), run.err());
    }

    /** Item 10: a preset adopted because it matched the stack is forgotten when removed, never deleted. */
    @Test
    void aPresetRemovedFromTheStackIsForgottenNotDeleted() throws IOException {
        append("roles.yaml", """
                ---
                kind: role
                version: v7
                metadata: {name: auditor}
                spec:
                  allow:
                    rules: [{resources: [session, event], verbs: [list, read]}]
                """);
        applied();
        assertTrue(state("list").out().contains("role/auditor"));
        Files.writeString(dir.resolve("roles.yaml"), Files.readString(dir.resolve("roles.yaml"))
                .substring(0, Files.readString(dir.resolve("roles.yaml")).lastIndexOf("---")));
        CliRun plan = teleform("plan");
        assertFalse(plan.out().contains("  - role/auditor"), plan.out());
        assertTrue(plan.out().contains("role/auditor") && plan.out().contains("preset"), plan.out());
        applied();
        assertEquals(0, sim("get", "role/auditor").exit(), "the preset is still there");
        assertFalse(state("list").out().contains("role/auditor"), "and state forgot it");
    }
}
