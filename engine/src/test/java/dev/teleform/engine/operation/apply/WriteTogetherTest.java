package dev.teleform.engine.operation.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.operation.access.AccessSettings;
import dev.teleform.engine.operation.hook.ApplyResult;
import dev.teleform.engine.operation.hook.Invitation;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.FieldChange;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.testing.QuietEvents;
import dev.teleform.engine.testing.RecordingDelivery;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates made together through a provider that writes together: a workload cluster's new roles and users cost one
 * write, one call per invited user, one write of those users' rests and one read-back, and each member still ends on
 * its own, as it would alone.
 */
class WriteTogetherTest {

    private static final String JOIN = "bootstrap workload_cluster/east";

    @TempDir
    Path dir;

    private final TogetherProvider provider = new TogetherProvider();
    /** Links delivered, each also logged with the provider's calls, so a test sees when it was handed over. */
    private final List<Invitation> delivered = new CopyOnWriteArrayList<>() {
        @Override
        public boolean add(Invitation invitation) {
            provider.log.add("delivered " + invitation.user());
            if (cancelAtDelivery) {
                executor.cancel();
            }
            return super.add(invitation);
        }
    };
    private volatile ApplyExecutor executor;
    private volatile boolean cancelAtDelivery;
    private final List<PlanStep> steps = new ArrayList<>(List.of(new PlanStep(JOIN,
            new Action.Bootstrap(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "east")), List.of())));

    @Test
    void aClustersNewRolesAndUsersAreOneWriteAndOneReadBack() {
        role("dev");
        role("ops");
        user("alice", false, "dev");
        user("bob", false, "ops");

        ApplyResult result = apply();

        assertTrue(result.succeeded(), result.failureMessages().toString());
        assertEquals(List.of("writeInOrder east [role/dev, role/ops, user/alice, user/bob]",
                "getNamed east [role/dev, role/ops, user/alice, user/bob]"), writesAndReads());
        assertEquals(4, result.state().resources().size());
        assertEquals("r1", result.state().resources().get(Address.in(ResourceKind.USER, "bob", "east")).observed()
                .path("revision").asString(), "state holds what was read back");
    }

    @Test
    void aRefusedRoleFailsAloneItsUsersAreSkippedAndTheRestIsWrittenInTheNextCall() {
        role("dev");
        role("bad");
        role("ops");
        user("alice", false, "bad");
        user("bob", false, "ops");
        provider.refused.add("role/bad");

        ApplyResult result = apply();

        assertEquals(List.of("writeInOrder east [role/dev, role/bad, role/ops, user/alice, user/bob]",
                "writeInOrder east [role/ops, user/bob]",
                "getNamed east [role/dev, role/ops, user/bob]"), writesAndReads());
        assertEquals(List.of("create role/bad@east: role/bad is refused"), result.failureMessages());
        assertEquals(1, result.skipped(), "alice names the refused role");
        assertEquals(List.of("role/dev@east", "role/ops@east", "user/bob@east"), recorded(result));
        assertTrue(provider.live("east", "user/alice").isEmpty());
    }

    @Test
    void aTransientFailureAfterTheFirstDocumentIsRetriedFromThatDocument() {
        role("dev");
        role("ops");
        provider.flaky.put("role/ops", 1);

        ApplyResult result = apply();

        assertTrue(result.succeeded(), result.failureMessages().toString());
        assertEquals(List.of("writeInOrder east [role/dev, role/ops]", "writeInOrder east [role/ops]",
                "getNamed east [role/dev, role/ops]"), writesAndReads());
    }

    @Test
    void oneFoundAlreadyThereAsTheStackWantsItIsAdoptedAndTheOthersAreWritten() {
        ObjectNode dev = role("dev");
        role("ops");
        provider.put("east", dev);

        ApplyResult result = apply();

        assertTrue(result.succeeded(), result.failureMessages().toString());
        assertEquals(List.of("writeInOrder east [role/dev, role/ops]", "get east role/dev",
                "writeInOrder east [role/ops]", "getNamed east [role/ops]"), writesAndReads());
        assertEquals(List.of("role/dev@east", "role/ops@east"), recorded(result));
    }

    @Test
    void invitedUsersAreEachOneCallTheirLinksHandedOverAtOnceAndTheirRestsOneWrite() {
        role("dev");
        user("plain", false, "dev");
        user("alice", true, "dev");
        user("bob", true, "dev");
        invite("alice");
        invite("bob");

        ApplyResult result = apply();

        assertTrue(result.succeeded(), result.failureMessages().toString());
        List<String> calls = writesAndReads();
        assertEquals("writeInOrder east [role/dev, user/plain]", calls.get(0));
        assertEquals(List.of("addInvited east user/alice", "addInvited east user/bob", "delivered user/alice@east",
                "delivered user/bob@east"), calls.subList(1, 5).stream().sorted().toList(),
                "each link is handed over once its users add returns, before anything else is written");
        assertEquals(List.of("writeInOrder east [user/alice, user/bob]",
                "getNamed east [role/dev, user/alice, user/bob, user/plain]"), calls.subList(5, calls.size()));
        assertEquals(List.of("user/alice@east", "user/bob@east"), delivered.stream().map(invitation -> invitation.user().toString()).sorted().toList());
        assertEquals(2, result.done().get("invite"));
        assertTrue(provider.live("east", "user/alice").orElseThrow().path("spec").has("traits"), "the rest is written");
        assertFalse(result.state().resources().get(Address.in(ResourceKind.USER, "alice", "east")).invitePending());
    }

    @Test
    void aRestThatCannotBeWrittenFailsItsUserButItsLinkIsDelivered() {
        role("dev");
        user("alice", true, "dev");
        invite("alice");
        provider.restRefused.add("user/alice");

        ApplyResult result = apply();

        assertEquals(List.of("writeInOrder east [role/dev]", "addInvited east user/alice", "delivered user/alice@east",
                "writeInOrder east [user/alice]", "getNamed east [role/dev]"), writesAndReads(),
                "the link was handed over before the rest was tried");
        assertEquals(1, result.failureMessages().size());
        assertTrue(result.failureMessages().getFirst().startsWith("create user/alice@east: the user was created with its "
                + "roles and its invite link was handed over"), result.failureMessages().toString());
        assertEquals(List.of("role/dev@east"), recorded(result));
    }

    /** Real pauses: the waits' first polls come 2 s after the clusters' create, so this test takes that long. */
    @Test
    void newWorkloadClustersAreOneWriteAndTheirWaitsPollTogether() {
        steps.clear();
        int clusters = 6;
        for (int i = 0; i < clusters; i++) {
            Address cluster = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "w" + i);
            ObjectNode document = document(ResourceKind.WORKLOAD_CLUSTER, "w" + i);
            steps.add(new PlanStep("create " + cluster, new Action.Create(cluster, document, SensitiveFields.NONE),
                    List.of()));
            steps.add(new PlanStep("wait " + cluster, new Action.Wait(cluster), List.of("create " + cluster)));
            // the create's read-back says provisioning, the first poll active
            provider.provisioning.put("w" + i, 1);
        }

        ApplyResult result = apply(Sleeper.REAL);

        assertTrue(result.succeeded(), result.failureMessages().toString());
        String all = "[workload_cluster/w0, workload_cluster/w1, workload_cluster/w2, workload_cluster/w3, "
                + "workload_cluster/w4, workload_cluster/w5]";
        assertEquals(List.of("writeInOrder  " + all, "getNamed  " + all, "getNamed  " + all), writesAndReads(),
                "one write, one read-back, and one poll for the six waits, which are due together");
    }

    @Test
    void aCancelOnceAUserIsAddedStillWritesItsRestButStartsNothingNew() {
        role("dev");
        user("alice", true, "dev");
        invite("alice");
        Address ops = Address.in(ResourceKind.ROLE, "ops", "east");
        provider.put("east", document(ResourceKind.ROLE, "ops"));
        update("ops", "/spec/allow/logins", "ops");
        cancelAtDelivery = true;

        ApplyResult result = apply();

        assertTrue(result.interrupted());
        assertEquals(List.of("writeInOrder east [role/dev]", "addInvited east user/alice", "delivered user/alice@east",
                "writeInOrder east [user/alice]", "getNamed east [role/dev, user/alice]"), writesAndReads(),
                "the update had not begun: it is not read nor written");
        assertTrue(provider.live("east", "user/alice").orElseThrow().path("spec").has("traits"), "alice is whole");
        assertEquals(List.of("role/dev@east", "user/alice@east"), recorded(result));
        assertFalse(result.state().resources().containsKey(ops) && !result.state().resources().get(ops).observed()
                .isEmpty(), "the update was skipped");
    }

    @Test
    void updatesAreOneFreshReadAndOneOverwriteAfterTheCreatesAndKeepWhatTheStackDoesNotSet() {
        ObjectNode ops = document(ResourceKind.ROLE, "ops");
        ops.putObject("spec").putObject("options").put("max_session_ttl", "8h");
        provider.put("east", ops);
        ObjectNode qa = document(ResourceKind.ROLE, "qa");
        provider.put("east", qa);
        role("dev");
        update("ops", "/spec/allow/logins", "ops");
        update("qa", "/spec/allow/logins", "qa");
        user("bob", false, "dev");

        ApplyResult result = apply();

        assertTrue(result.succeeded(), result.failureMessages().toString());
        assertEquals(List.of("writeInOrder east [role/dev, user/bob]", "getNamed east [role/ops, role/qa]",
                "writeInOrder east [role/ops, role/qa]", "getNamed east [role/dev, role/ops, role/qa, user/bob]"),
                writesAndReads());
        ObjectNode written = provider.live("east", "role/ops").orElseThrow();
        assertEquals("ops", written.at("/spec/allow/logins/0").asString(), "the plan's change");
        assertEquals("8h", written.at("/spec/options/max_session_ttl").asString(), "a live field the stack does not set");
        assertEquals(4, result.done().get("create") + result.done().get("update"));
    }

    @Test
    void aCreateThatWaitsOnAnUpdateIsLeftOutOfTheGroup() {
        role("dev");
        update("ops", "/spec/allow/logins", "ops");
        user("alice", false, "ops");
        user("bob", false, "dev");
        Plan plan = plan();

        WriteGroups groups = WriteGroups.of(plan, true);

        PlanStep bob = step("create user/bob@east");
        assertEquals(List.of("create role/dev@east", "update role/ops@east", "create user/bob@east"),
                groups.of(bob).orElseThrow().members().stream().map(PlanStep::id).toList());
        assertTrue(groups.of(step("create user/alice@east")).isEmpty(), "a group writes its creates before its updates");
        assertTrue(WriteGroups.of(plan, false).of(bob).isEmpty(), "a provider that writes one by one gets no groups");
    }

    @Test
    void aMemberThatWaitsOnAStepThatWaitsOnTheGroupIsLeftOutButOneThatWaitsOnAnEarlierStepIsNot() {
        Address adopted = Address.in(ResourceKind.ROLE, "seen", "east");
        steps.add(new PlanStep("adopt " + adopted, new Action.Adopt(adopted, document(ResourceKind.ROLE, "seen"),
                SensitiveFields.NONE), List.of(JOIN)));
        role("dev");
        // A replace is never a member; this one waits on the group's role, so a user waiting on it cannot join.
        Address replaced = Address.in(ResourceKind.ROLE, "ops", "east");
        steps.add(new PlanStep("replace " + replaced, new Action.Replace(replaced, document(ResourceKind.ROLE, "ops"),
                List.of(), SensitiveFields.NONE), List.of(JOIN, "create role/dev@east")));
        user("alice", false, "ops");
        user("bob", false, "seen");

        WriteGroups groups = WriteGroups.of(plan(), true);

        WriteGroups.Group group = groups.of(step("create role/dev@east")).orElseThrow();
        assertEquals(List.of("create role/dev@east", "create user/bob@east"),
                group.members().stream().map(PlanStep::id).toList());
        assertEquals(List.of("adopt role/seen@east", JOIN), group.outside(), "it starts once the adoption has ended");
        assertTrue(groups.of(step("create user/alice@east")).isEmpty(), "alice would make the group wait on itself");
    }

    private ObjectNode role(String name) {
        ObjectNode role = document(ResourceKind.ROLE, name);
        Address address = Address.in(ResourceKind.ROLE, name, "east");
        steps.add(new PlanStep("create " + address, new Action.Create(address, role, SensitiveFields.NONE), List.of(JOIN)));
        return role;
    }

    private void user(String name, boolean traits, String role) {
        ObjectNode user = document(ResourceKind.USER, name);
        user.putObject("spec").putArray("roles").add(role);
        if (traits) {
            user.withObjectProperty("spec").putObject("traits").putArray("logins").add(name);
        }
        Address address = Address.in(ResourceKind.USER, name, "east");
        Address roleAddress = Address.in(ResourceKind.ROLE, role, "east");
        String roleStep = steps.stream().map(PlanStep::id).filter(id -> id.endsWith(" " + roleAddress)).findFirst()
                .orElse("create " + roleAddress);
        steps.add(new PlanStep("create " + address, new Action.Create(address, user, SensitiveFields.NONE),
                List.of(JOIN, roleStep)));
    }

    private void update(String role, String pointer, String value) {
        Address address = Address.in(ResourceKind.ROLE, role, "east");
        ObjectNode document = document(ResourceKind.ROLE, role);
        document.putObject("spec").putObject("allow").putArray("logins").add(value);
        FieldChange change = new FieldChange(pointer, pointer.substring(1).replace('/', '.'), Optional.empty(),
                Optional.of(document.at("/spec/allow/logins")), false);
        steps.add(new PlanStep("update " + address, new Action.Update(address, document, List.of(change),
                SensitiveFields.NONE), List.of(JOIN)));
    }

    private void invite(String name) {
        Address address = Address.in(ResourceKind.USER, name, "east");
        steps.add(new PlanStep("invite " + address, new Action.Invite(address, Duration.ofHours(2)),
                List.of("create " + address)));
    }

    private static ObjectNode document(ResourceKind kind, String name) {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("kind", kind.kind());
        document.putObject("metadata").put("name", name);
        return document;
    }

    private PlanStep step(String id) {
        return steps.stream().filter(step -> step.id().equals(id)).findFirst().orElseThrow();
    }

    private Plan plan() {
        return new Plan(PlanMode.NORMAL, steps, List.of(), Diagnostics.NONE, 0);
    }

    private ApplyResult apply() {
        return apply(duration -> { });
    }

    private ApplyResult apply(Sleeper sleeper) {
        StateStore store = new GitStateStore(dir.resolve("state.git"), "main", "state.json", "together",
                InstantSource.system());
        executor = new ApplyExecutor(provider, new QuietEvents(), InstantSource.system(), sleeper,
                new ApplyExecutor.Settings(4, 64, Duration.ofMinutes(1), RetryPolicy.DEFAULT, AccessSettings.BOTS,
                        false, Duration.ZERO, Redaction.NONE), RecordingDelivery.into(delivered));
        return executor.run(plan(), Map.of(), store, store.read().get());
    }

    /** The calls that write or read resources, and the links delivered, in order. */
    private List<String> writesAndReads() {
        return List.copyOf(provider.log);
    }

    private static List<String> recorded(ApplyResult result) {
        return result.state().resources().values().stream().filter(entry -> !entry.observed().isEmpty())
                .map(ResourceState::address).map(Address::toString).sorted().toList();
    }
}
