package dev.teleform.engine.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.LiveSnapshot;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.plan.Planner;
import dev.teleform.engine.plan.ThreeWayDiff;
import dev.teleform.engine.provider.LinkLimits;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.schema.FieldSemantics;
import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a plan made with {@code --no-join-clusters} takes for the live contents of a workload cluster: what state last
 * applied there, so that it shows the stack's changes since, and nothing else.
 */
class AppliedContentsTest {

    private static final Address CLUSTER = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "child");
    private static final Address TEAM = Address.in(ResourceKind.ROLE, "team", "child");
    private static final Address ALICE = Address.in(ResourceKind.USER, "alice", "child");
    private static final Address OPS = Address.inParent(ResourceKind.ROLE, "ops");

    @TempDir
    Path dir;

    private String teamLogins = "[ubuntu, \"${env:SECRET}\"]";
    private String secret = "s3cret";

    @BeforeEach
    void stackFiles() throws IOException {
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: contents}
                spec:
                  provider: teleport
                  parent: {proxy: example.teleport.sh:443}
                  environment:
                    - {name: SECRET, sensitive: true}
                """);
        Files.writeString(dir.resolve("cluster.yaml"), dev.teleform.engine.testing.TestStacks.WORKLOAD_CLUSTER);
        Files.writeString(dir.resolve("ops.yaml"), "kind: role\nversion: v7\nmetadata: {name: ops}\nspec: {}\n");
    }

    private Stack stack() throws IOException {
        Files.writeString(dir.resolve("team.yaml"), """
                kind: role
                version: v7
                metadata: {name: team}
                cluster: child
                spec: {allow: {logins: %s}}
                ---
                kind: user
                version: v2
                metadata: {name: alice}
                cluster: child
                spec: {roles: [team]}
                """.formatted(teamLogins));
        StackResult read = new StackReader(LoadOptions.defaults().withEnv(name -> "SECRET".equals(name) ? secret : null))
                .read(dir);
        return assertInstanceOf(StackResult.Valid.class, read, () -> read.diagnostics().format(dir)).stack();
    }

    /** State as an apply of {@code stack} leaves it: each document as sent, its sensitive values masked. */
    private static State applied(Stack stack) {
        Map<Address, ResourceState> entries = new TreeMap<>();
        for (Resource resource : stack.resources()) {
            entries.put(resource.address(), new ResourceState(resource.address(),
                    resource.sensitive().masked(resource.document()), JsonNodeFactory.instance.objectNode(), false, false,
                    resource.sensitive().pointers()));
        }
        return new State("lineage", 1, "contents", new TreeMap<>(entries));
    }

    @Test
    void theContentsAreStatesDocumentsOfThatClusterOnly() throws IOException {
        Stack stack = stack();
        State state = applied(stack);
        Map<Address, LiveResource> contents = AppliedContents.of(state, stack).in("child");
        assertEquals(Set.of(TEAM, ALICE), contents.keySet(), "neither the parent's resources nor the cluster itself");
        assertSame(state.get(ALICE).orElseThrow().applied(), contents.get(ALICE).document(), "state's own, not a copy");
        assertEquals(Map.of(), AppliedContents.of(state, stack).in("other"));
    }

    @Test
    void aSensitiveFieldHoldsTheStacksValueNotThePlaceholder() throws IOException {
        Stack stack = stack();
        State state = applied(stack);
        assertTrue(state.get(TEAM).orElseThrow().applied().toString().contains(Redaction.PLACEHOLDER));
        ObjectNode team = AppliedContents.of(state, stack).in("child").get(TEAM).document();
        assertEquals(declared(stack, TEAM), team);
        assertTrue(state.get(TEAM).orElseThrow().applied().toString().contains(Redaction.PLACEHOLDER),
                "state itself keeps the placeholder");

        teamLogins = "[ubuntu]";
        Stack dropped = stack();
        ObjectNode without = AppliedContents.of(state, dropped).in("child").get(TEAM).document();
        assertEquals(Redaction.PLACEHOLDER, without.at("/spec/allow/logins/1").asString(),
                "a value the stack no longer has stands as the placeholder, which the plan then removes");
    }

    @Test
    void aCreateAKilledRunMayNotHaveMadeIsNotTakenAsLive() throws IOException {
        Stack stack = stack();
        State state = applied(stack);
        TreeMap<Address, ResourceState> entries = new TreeMap<>(state.resources());
        ResourceState alice = entries.get(ALICE);
        entries.put(ALICE, new ResourceState(ALICE, alice.applied(), alice.observed(), false, true, Set.of(), true));
        assertFalse(AppliedContents.of(new State("lineage", 2, "contents", entries), stack).in("child")
                .containsKey(ALICE));
    }

    @Test
    void plannedAgainstThemTheStacksChangesShowAndNothingElse() throws IOException {
        Stack stack = stack();
        State state = applied(stack);
        Plan same = plan(stack, state);
        assertEquals(List.of(), same.steps(), "a rotated sensitive value is not shown, nor anything else");
        assertEquals(List.of(), same.drift());
        assertFalse(same.workloadClustersRead());

        secret = "r0tated";
        teamLogins = "[ubuntu, ops, \"${env:SECRET}\"]";
        Files.writeString(dir.resolve("bob.yaml"), "kind: user\nversion: v2\nmetadata: {name: bob}\ncluster: child\n"
                + "spec: {roles: [team]}\ninvite: false\n");
        Plan changed = plan(stack(), state);
        List<String> steps = changed.steps().stream().map(PlanStep::id).sorted().toList();
        assertEquals(List.of("bootstrap workload_cluster/child", "create user/bob@child", "update role/team@child"),
                steps, "a create, not an adopt, for what state lacks");
        Action.Update update = (Action.Update) changed.steps().stream().map(PlanStep::action)
                .filter(Action.Update.class::isInstance).findFirst().orElseThrow();
        assertEquals(List.of("spec.allow.logins"), update.changes().stream().map(c -> c.field()).toList());
    }

    /** A plan of {@code stack} against {@code state}, with the cluster's contents taken from state. */
    private static Plan plan(Stack stack, State state) {
        Map<Address, LiveResource> live = new HashMap<>(AppliedContents.of(state, stack).in("child"));
        ObjectNode cluster = declared(stack, CLUSTER).deepCopy();
        cluster.putObject("status").put("state", "active").put("domain", "child.teleport.sh");
        live.put(CLUSTER, new LiveResource(ResourceKind.WORKLOAD_CLUSTER, "child", cluster));
        live.put(OPS, new LiveResource(ResourceKind.ROLE, "ops", declared(stack, OPS)));
        LiveSnapshot.ClusterView view = new LiveSnapshot.ClusterView("child", true,
                WorkloadClusterStatus.of(cluster), true, "bot example-iam, not joined", RefreshOperation.BOT_PROMISE,
                RefreshOperation.BOT_PROMISE);
        return new Planner(new ThreeWayDiff(FieldSemantics.shared()), new LinkLimits(Duration.ofHours(48),
                Duration.ofHours(24))).plan(stack, state, new LiveSnapshot(live, Map.of("child", view)),
                        PlanOptions.normal().withReadWorkloadClusters(false));
    }

    private static ObjectNode declared(Stack stack, Address address) {
        return stack.resources().stream().filter(r -> r.address().equals(address)).findFirst()
                .map(Resource::document).orElseThrow();
    }
}
