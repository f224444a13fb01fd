package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code teleform plan --compare-to PLANFILE}: the plan made now against a reviewed one, by what they change. Plans
 * of the same meaning from other bytes are the same; one field is a difference, named with its step and field.
 */
class PlanCompareTest {

    @TempDir
    Path dir;

    private Path saved;

    @BeforeEach
    void quickstartPlanned() throws IOException {
        CliRun.copyQuickstart(dir, true);
        saved = dir.resolve("reviewed.json");
    }

    private void save(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "plan";
        args[1] = dir.toString();
        args[2] = "--out";
        args[3] = saved.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), run.out() + run.err());
    }

    private CliRun compare(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "plan";
        args[1] = dir.toString();
        args[2] = "--compare-to";
        args[3] = saved.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.of(args);
    }

    private void edit(String file, String from, String to) throws IOException {
        TestFiles.replace(dir.resolve(file), from, to);
    }

    @Test
    void thePlanOfTheSameStackInOtherBytesMakesTheSameChanges() throws IOException {
        save();
        // Comments, another key order, other quoting and flow style, and the roles split into two files.
        Files.writeString(dir.resolve("roles.yaml"), """
                # the parent's role, moved and reformatted
                version: v7
                kind: role
                spec: {allow: {rules: [{verbs: [list, read, create, update, delete], resources: [workload_cluster]}]}}
                metadata: {name: "workload-cluster-editor"}
                """);
        Files.writeString(dir.resolve("child-roles.yaml"), """
                kind: role
                cluster: child   # in the workload cluster
                metadata:
                  name: example
                version: v7
                spec:
                  allow:
                    node_labels: {"*": "*"}
                    logins: ["ubuntu"]
                """);
        CliRun run = compare();
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals("The plan made now makes the same changes as the saved plan " + saved + " (7 steps).\n", run.out());
    }

    @Test
    void oneFieldMadeDifferentlyIsADifferenceNamingItsStepAndField() throws IOException {
        save();
        edit("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu, ops]");
        CliRun run = compare();
        assertEquals(4, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("~ create role/example@child\n    spec.allow.logins: saved plan sets [\"ubuntu\"]; "
                + "plan made now sets [\"ubuntu\",\"ops\"]\n"), run.out());
    }

    @Test
    void anUpdateThatChangesAFieldToAnotherValueDiffers() throws IOException {
        CliRun applied = CliRun.on("apply", dir, "--auto-approve");
        assertEquals(0, applied.exit(), applied.out() + applied.err());
        edit("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu, ops]");
        save();
        edit("roles.yaml", "logins: [ubuntu, ops]", "logins: [ubuntu, admin]");
        CliRun run = compare();
        assertEquals(4, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("~ update role/example@child\n    spec.allow.logins: saved plan [\"ubuntu\"] -> "
                + "[\"ubuntu\",\"ops\"]; plan made now [\"ubuntu\"] -> [\"ubuntu\",\"admin\"]\n"), run.out());
        edit("roles.yaml", "logins: [ubuntu, admin]", "logins: [ubuntu, ops]");
        assertEquals(0, compare().exit(), "the reviewed change again");
    }

    @Test
    void outStillSavesThePlanMadeNow() throws IOException {
        save();
        edit("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu, ops]");
        Path now = dir.resolve("now.json");
        CliRun run = compare("--out", now.toString());
        assertEquals(4, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("saved the plan to " + now), run.err());
        assertTrue(Files.readString(now).contains("\"ops\""), "the plan made now, not the reviewed one");
        assertEquals(0, CliRun.of("plan", dir.toString(), "--compare-to", now.toString()).exit());
    }

    @Test
    void whatCannotBeComparedIsAnError() throws IOException {
        save();
        Path notAPlan = dir.resolve("other.json");
        Files.writeString(notAPlan, "{}");
        CliRun unreadable = CliRun.of("plan", dir.toString(), "--compare-to", notAPlan.toString());
        assertEquals(1, unreadable.exit());
        assertTrue(unreadable.err().contains("not a Teleform plan file"), unreadable.err());
        CliRun missing = CliRun.of("plan", dir.toString(), "--compare-to", dir.resolve("none.json").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("cannot read"), missing.err());
        CliRun both = compare("--detailed-exitcode");
        assertEquals(1, both.exit());
        assertTrue(both.err().contains("--compare-to and --detailed-exitcode each decide the exit code"), both.err());
        CliRun json = compare("--format", "json");
        assertEquals(1, json.exit());
        edit("stack.yaml", "name: quickstart", "name: other");
        CliRun other = compare();
        assertEquals(1, other.exit());
        assertTrue(other.err().contains("the saved plan is a plan of stack quickstart, not of other"), other.err());
    }

    @Test
    void aRefusedPlanIsAnErrorNotADifference() throws IOException {
        save();
        Files.writeString(dir.resolve("editor.yaml"), "kind: role\nversion: v7\nmetadata: {name: editor}\n"
                + "spec: {allow: {logins: [root]}}\n");
        CliRun run = compare();
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("the plan is refused"), run.err());
    }

    @Test
    void thePermissionToDeleteWorkloadClustersIsPartOfTheChanges() throws IOException {
        assertEquals(0, CliRun.on("apply", dir, "--auto-approve").exit());
        Files.delete(dir.resolve("cluster.yaml"));
        Files.writeString(dir.resolve("roles.yaml"), Files.readString(dir.resolve("roles.yaml")).split("---")[0]);
        Files.delete(dir.resolve("users.yaml"));
        save();
        CliRun allowed = compare("--allow-destroy");
        assertEquals(4, allowed.exit(), allowed.out() + allowed.err());
        assertTrue(allowed.out().contains("! --allow-destroy: saved plan made without it, plan made now made with it"),
                allowed.out());
        assertEquals(0, compare().exit(), allowed.out());
    }

    @Test
    void whatIsLeftOfTheReviewedPlanIsAcceptedOnlyWhenAskedAndNeverASingleNewOrChangedStep() throws IOException {
        assertEquals(0, CliRun.on("apply", dir, "--auto-approve").exit());
        edit("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu, ops]");
        edit("roles.yaml", "verbs: [list, read, create, update, delete]", "verbs: [list, read]");
        save();
        // the reviewed change to the parent's role was applied since (by a run whose state came later)
        CliRun part = CliRun.on("apply", dir, "--auto-approve", "--target", "role/workload-cluster-editor");
        assertEquals(0, part.exit(), part.out() + part.err());
        CliRun strict = compare();
        assertEquals(4, strict.exit(), strict.out() + strict.err());
        assertTrue(strict.out().contains("in 1 place, all steps of the saved plan that the plan made now no longer "
                + "makes:"), strict.out());
        assertTrue(strict.out().contains("- update role/workload-cluster-editor"), strict.out());
        assertEquals(0, compare("--accept-fewer").exit(), "every step left was reviewed as it is");

        edit("roles.yaml", "logins: [ubuntu, ops]", "logins: [ubuntu, admin]");
        CliRun changed = compare("--accept-fewer");
        assertEquals(4, changed.exit(), "a step made differently is never accepted: " + changed.out());
        edit("roles.yaml", "logins: [ubuntu, admin]", "logins: [ubuntu, ops]");
        Files.writeString(dir.resolve("extra.yaml"), "kind: role\nversion: v7\nmetadata: {name: extra}\ncluster: child\n"
                + "spec: {allow: {logins: [extra]}}\n");
        CliRun added = compare("--accept-fewer");
        assertEquals(4, added.exit(), "a step the saved plan lacks is never accepted: " + added.out());
        assertTrue(added.out().contains("+ create role/extra@child"), added.out());
    }

    @Test
    void aReviewedDeletionDoneSinceLeavesNoPermissionDifference() throws IOException {
        assertEquals(0, CliRun.on("apply", dir, "--auto-approve").exit());
        Files.delete(dir.resolve("cluster.yaml"));
        Files.writeString(dir.resolve("roles.yaml"), Files.readString(dir.resolve("roles.yaml")).split("---")[0]);
        Files.delete(dir.resolve("users.yaml"));
        save("--allow-destroy");
        CliRun applied = CliRun.on("apply", dir, "--auto-approve", "--allow-destroy");
        assertEquals(0, applied.exit(), applied.out() + applied.err());
        CliRun run = compare("--accept-fewer");
        assertEquals(0, run.exit(), "nothing left to delete, so no permission is needed: " + run.out());
        assertFalse(run.out().contains("--allow-destroy"), run.out());
    }

    @Test
    void acceptFewerNeedsCompareTo() {
        CliRun run = CliRun.of("plan", dir.toString(), "--accept-fewer");
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("--accept-fewer says which differences from a saved plan are accepted: give "
                + "--compare-to"), run.err());
    }

    @Test
    void aSensitiveValueIsComparedByWhereItIsNeverByWhatItHolds() throws IOException {
        edit("stack.yaml", "  provider: simulator\n", """
                  provider: simulator
                  environment:
                    - {name: SECRET_LOGIN, sensitive: true}
                    - TEAM_LOGIN
                """);
        edit("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu, \"${env:SECRET_LOGIN}\", \"${env:TEAM_LOGIN}\"]");
        Map<String, String> environment = new HashMap<>(Map.of("SECRET_LOGIN", "s3cr3t-one", "TEAM_LOGIN", "deploy"));
        CliRun planned = CliRun.in(environment, "plan", dir.toString(), "--out", saved.toString());
        assertEquals(0, planned.exit(), planned.out() + planned.err());
        environment.put("SECRET_LOGIN", "r0tated-two");
        CliRun rotated = CliRun.in(environment, "plan", dir.toString(), "--compare-to", saved.toString());
        assertEquals(0, rotated.exit(), "a reviewer saw only that a sensitive value is sent there: " + rotated.out());
        environment.put("TEAM_LOGIN", "ops");
        CliRun other = CliRun.in(environment, "plan", dir.toString(), "--compare-to", saved.toString());
        assertEquals(4, other.exit(), other.out() + other.err());
        assertTrue(other.out().contains("spec.allow.logins: saved plan sets [\"ubuntu\",\"(sensitive)\",\"deploy\"]; "
                + "plan made now sets [\"ubuntu\",\"(sensitive)\",\"ops\"]"), other.out());
        assertFalse((rotated.out() + rotated.err() + other.out() + other.err()).contains("s3cr3t")
                || (other.out() + other.err()).contains("r0tated"), "no sensitive value is shown");
    }

    @Test
    void theDifferenceAsAReaderSeesIt() throws IOException {
        CliRun applied = CliRun.on("apply", dir, "--auto-approve", "--invites-out", dir.resolve("i.jsonl").toString());
        assertEquals(0, applied.exit(), applied.out() + applied.err());
        edit("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu, ops]");
        Files.writeString(dir.resolve("users.yaml"), Files.readString(dir.resolve("users.yaml"))
                + "---\nkind: user\nversion: v2\nmetadata: {name: bob}\ncluster: child\nspec: {roles: [example]}\n");
        save();
        edit("roles.yaml", "logins: [ubuntu, ops]", "logins: [ubuntu, admin]");
        edit("roles.yaml", "\"*\": \"*\"", "env: prod");
        Files.writeString(dir.resolve("users.yaml"), Files.readString(dir.resolve("users.yaml"))
                .replace("name: bob", "name: carol"));
        String saved = this.saved.toString();
        CliRun text = compare();
        assertEquals(4, text.exit(), text.out() + text.err());
        Approvals.verify(text.out().replace(saved, "<reviewed.json>"), new Options().forFile().withAdditionalInformation("text"));
        CliRun markdown = compare("--format", "markdown");
        assertEquals(4, markdown.exit(), markdown.out() + markdown.err());
        Approvals.verify(markdown.out().replace(saved, "<reviewed.json>"),
                new Options().forFile().withAdditionalInformation("md"));
    }
}
