package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.render.TextPlanRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code teleform plan --no-join-clusters} on the applied quickstart: the pull-request plan that needs no identity
 * able to change a workload cluster. It joins none, plans the stack against state, says so, and its file is never
 * applied but compares by its changes with a plan that read the clusters.
 */
class NoJoinClustersTest {

    @TempDir
    Path dir;

    @BeforeEach
    void applied() throws IOException {
        CliRun.copyQuickstart(dir, true);
        CliRun apply = CliRun.on("apply", dir, "--auto-approve", "--invites-out", dir.resolve("invites.jsonl").toString());
        assertEquals(0, apply.exit(), apply.out() + apply.err());
    }

    private JsonNode calls() {
        CliRun status = CliRun.sim(Map.of(), dir, "status", "--format", "json");
        assertEquals(0, status.exit(), status.err());
        return CanonicalJson.mapper().readTree(status.out()).path("calls");
    }

    private void edit(String file, String from, String to) throws IOException {
        TestFiles.replace(dir.resolve(file), from, to);
    }

    @Test
    void anInviteStateStillOwesIsShownAndComparesEqualWithThePlanThatReadTheUser() throws IOException {
        // a second user whose invite could not be delivered: state records it as owed
        Files.writeString(dir.resolve("users.yaml"), Files.readString(dir.resolve("users.yaml")) + """
                ---
                kind: user
                version: v2
                metadata:
                  name: owed
                spec:
                  roles: [example]
                cluster: child
                """);
        // made with its link, which the delivery program fails to deliver: the user exists, the invite is owed
        CliRun pending = CliRun.on("apply", dir, "--auto-approve", "--invites-exec", "false");
        assertTrue(pending.out().contains("user/owed@child: created"), pending.out() + pending.err());
        CliRun full = CliRun.on("plan", dir);
        assertTrue(full.out().contains("invite for user/owed@child"),
                "a plan that reads the user owes the invite: " + full.out());
        Path reviewed = dir.resolve("reviewed.plan");
        CliRun notJoined = CliRun.on("plan", dir, "--no-join-clusters", "--out", reviewed.toString());
        assertEquals(0, notJoined.exit(), notJoined.out() + notJoined.err());
        assertTrue(notJoined.out().contains("invite for user/owed@child"),
                notJoined.out());
        CliRun compared = CliRun.on("plan", dir, "--compare-to", reviewed.toString());
        assertEquals(0, compared.exit(), "the plan that read the user owes the same invite: " + compared.out()
                + compared.err());
    }

    @Test
    void anUnchangedStackIsNoChangesWithoutAJoinOrAReadInsideTheWorkloadCluster() {
        JsonNode before = calls();
        CliRun plan = CliRun.on("plan", dir, "--no-join-clusters", "--detailed-exitcode");
        assertEquals(0, plan.exit(), plan.out() + plan.err());
        assertTrue(plan.out().startsWith(TextPlanRenderer.NOT_JOINED + "\n\n"), plan.out());
        assertTrue(plan.out().contains("No changes."), plan.out());
        JsonNode after = calls();
        for (String operation : new String[] {"bootstrap", "login", "join_parent", "permissions", "get"}) {
            assertEquals(before.path(operation).asInt(), after.path(operation).asInt(), operation + ": " + after);
        }
        assertEquals(before.path("list role").asInt() + 1, after.path("list role").asInt(),
                "roles are listed in the parent only: " + after);
        assertEquals(before.path("list user").asInt(), after.path("list user").asInt(), after.toString());

        CliRun normal = CliRun.on("plan", dir, "--detailed-exitcode");
        assertEquals(0, normal.exit(), normal.out() + normal.err());
        assertTrue(calls().path("bootstrap").asInt() > after.path("bootstrap").asInt(), "a normal plan joins the cluster");
        assertFalse(normal.out().contains("--no-join-clusters"), normal.out());
    }

    @Test
    void theStacksChangeShowsAHandMadeOneDoesNot() throws IOException {
        edit("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu, ops]");
        CliRun plan = CliRun.on("plan", dir, "--no-join-clusters");
        assertEquals(0, plan.exit(), plan.out() + plan.err());
        assertTrue(plan.out().contains("  ~ role/example@child\n      ~ spec.allow.logins: [\"ubuntu\"] -> [\"ubuntu\",\"ops\"]\n"),
                plan.out());
        assertTrue(plan.out().contains("Plan: 0 to create, 1 to update, 0 to replace, 0 to delete."), plan.out());

        CliRun hand = CliRun.sim(Map.of(), dir, "edit", "role/example@child", "--set", "spec.allow.logins=[root]");
        assertEquals(0, hand.exit(), hand.out() + hand.err());
        CliRun notJoined = CliRun.on("plan", dir, "--no-join-clusters");
        assertEquals(0, notJoined.exit(), notJoined.out() + notJoined.err());
        assertEquals(plan.out(), notJoined.out(), "the change made by hand is not seen");
        assertFalse(notJoined.out().contains("root"), notJoined.out());
        CliRun normal = CliRun.on("plan", dir);
        assertEquals(0, normal.exit(), normal.out() + normal.err());
        assertTrue(normal.out().contains("Changed outside Teleform (drift)"), normal.out());
        assertTrue(normal.out().contains("spec.allow.logins: [\"root\"] -> [\"ubuntu\",\"ops\"]"), normal.out());
    }

    @Test
    void aResourceInTheStackButNotInStateIsACreateNeverAnAdopt() {
        // live as the stack declares it, but no longer in state: a normal plan adopts it, this one cannot know it is there
        CliRun forgot = CliRun.of("state", "rm", "role/example@child", dir.toString());
        assertEquals(0, forgot.exit(), forgot.out() + forgot.err());
        CliRun normal = CliRun.on("plan", dir);
        assertTrue(normal.out().contains("  = role/example@child"), normal.out());
        CliRun plan = CliRun.on("plan", dir, "--no-join-clusters");
        assertEquals(0, plan.exit(), plan.out() + plan.err());
        assertTrue(plan.out().contains("  + role/example@child\n"), plan.out());
        assertFalse(plan.out().contains("adopt"), plan.out());
    }

    @Test
    void itsPlanFileIsRefusedByApplyAndComparesEqualWithAPlanThatReadTheClusters() throws IOException {
        edit("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu, ops]");
        Path saved = dir.resolve("pr.plan");
        CliRun plan = CliRun.on("plan", dir, "--no-join-clusters", "--out", saved.toString());
        assertEquals(0, plan.exit(), plan.out() + plan.err());
        assertTrue(plan.err().contains("made with --no-join-clusters, it is never applied"), plan.err());
        assertFalse(CanonicalJson.mapper().readTree(Files.readString(saved)).path("plan").path("workload_clusters_read")
                .asBoolean(true), "the file says so");

        JsonNode before = calls();
        CliRun apply = CliRun.of("apply", saved.toString());
        assertEquals(1, apply.exit(), apply.out() + apply.err());
        assertTrue(apply.err().contains("this plan was made with --no-join-clusters"), apply.err());
        assertTrue(apply.err().contains("Nothing was changed; plan again without it"), apply.err());
        assertTrue(apply.err().contains("--compare-to FILE"), apply.err());
        assertEquals(before, calls(), "not a call was made");

        CliRun show = CliRun.of("show", saved.toString());
        assertEquals(0, show.exit(), show.out() + show.err());
        assertTrue(show.out().startsWith(TextPlanRenderer.NOT_JOINED), show.out());

        CliRun compared = CliRun.on("plan", dir, "--compare-to", saved.toString());
        assertEquals(0, compared.exit(), compared.out() + compared.err());
        assertTrue(compared.out().startsWith("The plan made now makes the same changes as the saved plan"),
                compared.out());
        CliRun stillThere = CliRun.on("plan", dir, "--detailed-exitcode");
        assertEquals(PlanCommand.CHANGES, stillThere.exit(), "the refused apply changed nothing: " + stillThere.out());

        edit("roles.yaml", "logins: [ubuntu, ops]", "logins: [ubuntu, admin]");
        assertEquals(TeleformCli.DIFFERENT, CliRun.on("plan", dir, "--compare-to", saved.toString()).exit(),
                "another change is a difference");
    }

    @Test
    void refreshOnlyCannotBeMadeWithoutReadingTheClusters() {
        CliRun run = CliRun.on("plan", dir, "--no-join-clusters", "--refresh-only");
        assertEquals(1, run.exit(), run.out() + run.err());
        assertEquals("", run.out());
        assertTrue(run.err().contains("--no-join-clusters cannot be combined with it"), run.err());
    }

    @Test
    void aDestroyPlanIsTheSameWithoutJoiningAsTheClusterTakesItsContentsAlong() {
        CliRun joined = CliRun.on("plan", dir, "--destroy");
        assertEquals(0, joined.exit(), joined.out() + joined.err());
        JsonNode before = calls();
        CliRun notJoined = CliRun.on("plan", dir, "--destroy", "--no-join-clusters");
        assertEquals(0, notJoined.exit(), notJoined.out() + notJoined.err());
        assertEquals(TextPlanRenderer.NOT_JOINED + "\n\n" + joined.out(), notJoined.out());
        assertEquals(before.path("bootstrap").asInt(), calls().path("bootstrap").asInt());
    }
}
