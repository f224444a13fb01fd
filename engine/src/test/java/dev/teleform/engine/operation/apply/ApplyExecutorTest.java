package dev.teleform.engine.operation.apply;

import dev.teleform.engine.operation.access.AccessSettings;

import dev.teleform.engine.operation.hook.ApplyResult;
import dev.teleform.engine.addr.ResourceKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.testing.LatencyProvider;
import dev.teleform.engine.testing.QuietEvents;
import dev.teleform.engine.testing.RecordingDelivery;
import io.vavr.control.Either;
import dev.teleform.engine.operation.hook.Invitation;
import dev.teleform.engine.operation.hook.InviteDelivery;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The executor on a provider that only takes time: call limits and how state commits coalesce. */
class ApplyExecutorTest {

    private static final int CLUSTERS = 4;

    @TempDir
    Path dir;

    private StateStore store() {
        return new GitStateStore(dir.resolve("state.git"), "main", "state.json", "limits", InstantSource.system());
    }

    private ApplyResult apply(LatencyProvider provider, int roles, int parallelism, int maxCalls, Duration interval) {
        StateStore store = store();
        return new ApplyExecutor(provider, new QuietEvents(), InstantSource.system(), Sleeper.REAL, new ApplyExecutor.Settings(parallelism,
                maxCalls, Duration.ofMinutes(1), RetryPolicy.DEFAULT, AccessSettings.BOTS, false, interval,
                Redaction.NONE))
                .run(new Plan(PlanMode.NORMAL, roleCreates(roles), List.of(), Diagnostics.NONE, 0), Map.of(), store,
                        store.read().get());
    }

    @Test
    void eachClusterHasItsOwnSlotsAndAllShareTheCap() {
        LatencyProvider provider = new LatencyProvider(Duration.ofMillis(30), Duration.ZERO);
        int roles = 8;
        ApplyResult result = apply(provider, roles, 2, 5, Duration.ofSeconds(1));

        assertTrue(result.succeeded(), result.failureMessages().toString());
        assertEquals(CLUSTERS * roles, result.state().resources().size());
        provider.mostPerCluster().forEach((cluster, most) ->
                assertTrue(most <= 2, "cluster \"" + cluster + "\" had " + most + " calls at once"));
        assertTrue(provider.mostOverall() <= 5, "overall " + provider.mostOverall());
        assertTrue(provider.mostOverall() > 2, "clusters proceed side by side, not one cluster's slots for all");
    }

    @Test
    void stateCommitsCoalesceYetTheLastHoldsEverything() {
        int roles = 50;
        // Each cluster needs 25 rounds of 20 ms: about half a second, so about five 100 ms intervals.
        ApplyResult result = apply(new LatencyProvider(Duration.ofMillis(20), Duration.ZERO), roles, 2, 64,
                Duration.ofMillis(100));

        assertTrue(result.succeeded(), result.failureMessages().toString());
        int steps = CLUSTERS * (roles + 1);
        assertTrue(result.checkpoints() >= 2 && result.checkpoints() <= steps / 10,
                result.checkpoints() + " commits for " + steps + " steps");
        assertEquals(result.checkpoints(), store().history(1000).get().size(), "every checkpoint is one commit");
        assertEquals(CLUSTERS * roles, store().read().get().state().resources().size());
    }

    @Test
    void aWaitStartsFromWhatTheCreateReturnedAndPollsOnlyAClusterItDidNotCreate() {
        LatencyProvider provider = new LatencyProvider(Duration.ofMillis(1), Duration.ZERO);
        ObjectNode created = cluster("created");
        provider.upsert(dev.teleform.engine.provider.ClusterTarget.parent(), cluster("earlier"));
        List<PlanStep> steps = List.of(
                new PlanStep("create created", new Action.Create(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "created"), created,
                        SensitiveFields.NONE),
                        List.of()),
                new PlanStep("wait created", new Action.Wait(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "created")),
                        List.of("create created")),
                new PlanStep("wait earlier", new Action.Wait(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "earlier")), List.of()));
        StateStore store = store();
        ApplyResult result = new ApplyExecutor(provider, new QuietEvents(), InstantSource.system(), Sleeper.REAL, new ApplyExecutor.Settings(10,
                64, Duration.ofMinutes(1), RetryPolicy.DEFAULT, AccessSettings.BOTS, false, Duration.ofSeconds(1),
                Redaction.NONE))
                .run(new Plan(PlanMode.NORMAL, steps, List.of(), Diagnostics.NONE, 0), Map.of(), store, store.read().get());

        assertTrue(result.succeeded(), result.failureMessages().toString());
        assertEquals(1, provider.calls("status"), "the created cluster's upsert said active; only the other is polled");
    }

    @Test
    void stateAndEventsNeverHoldASensitiveValueThatTeleportGets() {
        String secret = "s3cret-login";
        List<String> sent = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        LatencyProvider provider = new LatencyProvider(Duration.ZERO, Duration.ZERO) {
            @Override
            public Either<ProviderError, LiveResource> create(ClusterTarget target, ObjectNode document) {
                sent.add(document.toString());
                return document.path("metadata").path("name").asString().equals("refused")
                        ? Either.left(new ProviderError.BadParameter("login \"" + secret + "\" is not allowed"))
                        : super.create(target, document);
            }
        };
        QuietEvents events = new QuietEvents() {
            @Override
            public void failed(PlanStep step, String reason) {
                reported.add(reason);
            }
        };
        SensitiveFields login = SensitiveFields.of(List.of("/spec/allow/logins/0"));
        List<PlanStep> steps = List.of("kept", "refused").stream().map(name -> {
            ObjectNode role = JsonNodeFactory.instance.objectNode().put("kind", "role").put("version", "v7");
            role.putObject("metadata").put("name", name);
            role.putObject("spec").putObject("allow").putArray("logins").add(secret);
            return new PlanStep("create role/" + name, new Action.Create(Address.inParent(ResourceKind.ROLE, name), role, login),
                    List.<String>of());
        }).toList();
        StateStore store = store();
        ApplyResult result = new ApplyExecutor(provider, events, InstantSource.system(), Sleeper.REAL, new ApplyExecutor.Settings(10, 64,
                Duration.ofMinutes(1), RetryPolicy.DEFAULT, AccessSettings.BOTS, false, Duration.ZERO,
                Redaction.of(Set.of(secret)))).run(new Plan(PlanMode.NORMAL, steps, List.of(), Diagnostics.NONE, 0),
                Map.of(), store, store.read().get());

        assertTrue(sent.stream().allMatch(document -> document.contains(secret)), "Teleport gets the value");
        ResourceState kept = result.state().get(Address.inParent(ResourceKind.ROLE, "kept")).orElseThrow();
        assertEquals("[\"(sensitive)\"]", kept.applied().at("/spec/allow/logins").toString());
        assertEquals(Set.of("/spec/allow/logins/0"), kept.sensitive());
        assertEquals(List.of("login \"(sensitive)\" is not allowed"), reported);
        assertEquals(List.of("create role/refused: login \"(sensitive)\" is not allowed"), result.failureMessages());
    }

    /** Steps that finished or were deferred, and links delivered, in the order reported. */
    private static final class Reported extends QuietEvents {
        private final List<String> reported;

        Reported(List<String> reported) {
            this.reported = reported;
        }

        @Override
        public void finished(PlanStep step, Duration took) {
            reported.add("finished " + step.id());
        }

        @Override
        public void deferred(PlanStep step, String why) {
            reported.add("deferred " + step.id() + ": " + why);
        }

        @Override
        public void invited(Invitation invitation) {
            reported.add("invited " + invitation.user());
        }
    }

    private static ObjectNode alice() {
        ObjectNode alice = JsonNodeFactory.instance.objectNode().put("kind", "user").put("version", "v2");
        alice.putObject("metadata").put("name", "alice");
        alice.putObject("spec").putArray("roles").add("access");
        return alice;
    }

    /** A new user's link is handed over by its create, so nothing between the create and the invite step drops it. */
    @Test
    void aNewUsersLinkIsDeliveredByItsCreateAndTheInviteStepReportsIt() {
        Address user = Address.inParent(ResourceKind.USER, "alice");
        ObjectNode alice = alice();
        List<PlanStep> steps = List.of(
                new PlanStep("create alice", new Action.Create(user, alice, SensitiveFields.NONE), List.of()),
                new PlanStep("invite alice", new Action.Invite(user, Duration.ofHours(48)), List.of("create alice")));
        List<String> reported = new ArrayList<>();
        QuietEvents events = new Reported(reported);
        List<Invitation> delivered = new ArrayList<>();
        InviteDelivery delivery = RecordingDelivery.into(delivered);
        LatencyProvider provider = new LatencyProvider(Duration.ZERO, Duration.ZERO);
        StateStore store = store();
        ApplyResult result = new ApplyExecutor(provider, events, InstantSource.system(), Sleeper.REAL,
                new ApplyExecutor.Settings(10, 64, Duration.ofMinutes(1), RetryPolicy.DEFAULT, AccessSettings.BOTS, false,
                        Duration.ZERO, Redaction.NONE), delivery)
                .run(new Plan(PlanMode.NORMAL, steps, List.of(), Diagnostics.NONE, 0), Map.of(), store, store.read().get());

        assertEquals(List.of("invited user/alice", "finished create alice", "finished invite alice"), reported);
        assertEquals(1, delivered.size());
        assertTrue(delivered.getFirst().url().getPath().startsWith("/web/invite/"), "made with the user, not a reset");
        assertEquals(1, provider.calls("createInvited"));
        assertEquals(0, provider.calls("invite"), "no reset link");
        assertEquals(List.of(), result.pendingInvites());
        assertFalse(result.state().get(user).orElseThrow().invitePending(), "delivered, so not pending");
    }

    /** When the rest of a new user cannot be written after its link was made, the link still reaches its user. */
    @Test
    void aLinkMadeWithAUserWhoseRestFailsIsStillDeliveredAndTheCreateFails() {
        Address user = Address.inParent(ResourceKind.USER, "alice");
        ObjectNode alice = alice();
        ((ObjectNode) alice.get("metadata")).putObject("labels").put("team", "a");
        List<PlanStep> steps = List.of(
                new PlanStep("create alice", new Action.Create(user, alice, SensitiveFields.NONE), List.of()),
                new PlanStep("invite alice", new Action.Invite(user, Duration.ofHours(2)), List.of("create alice")));
        ProviderError denied = new ProviderError.AccessDenied("access denied to perform action \"update\" on \"user\"");
        java.util.concurrent.atomic.AtomicInteger upserts = new java.util.concurrent.atomic.AtomicInteger();
        LatencyProvider provider = new LatencyProvider(Duration.ZERO, Duration.ZERO) {
            @Override
            public Either<ProviderError, Invited> createInvited(ClusterTarget target, ObjectNode document, Duration ttl) {
                return super.createInvited(target, document, ttl).map(made -> new Invited(made.link(), Either.left(denied)));
            }

            @Override
            public Either<ProviderError, LiveResource> upsert(ClusterTarget target, ObjectNode document) {
                upserts.incrementAndGet();
                return Either.left(denied);
            }
        };
        List<Invitation> delivered = new ArrayList<>();
        InviteDelivery delivery = RecordingDelivery.into(delivered);
        StateStore store = store();
        ApplyResult result = new ApplyExecutor(provider, new QuietEvents(), InstantSource.system(), Sleeper.REAL,
                new ApplyExecutor.Settings(10, 64, Duration.ofMinutes(1), RetryPolicy.DEFAULT, AccessSettings.BOTS, false,
                        Duration.ZERO, Redaction.NONE), delivery)
                .run(new Plan(PlanMode.NORMAL, steps, List.of(), Diagnostics.NONE, 0), Map.of(), store, store.read().get());

        assertEquals(1, delivered.size(), "the link reached its user");
        assertEquals(1, upserts.get(), "the rest was tried once more as a write of its own");
        assertEquals(1, result.failureMessages().size(), result.failureMessages().toString());
        assertTrue(result.failureMessages().getFirst().contains("its invite link was handed over, but the rest of its "
                + "document was not written"), result.failureMessages().getFirst());
        ResourceState entry = result.state().get(user).orElseThrow();
        assertFalse(entry.invitePending(), "delivered, so no second link");
        assertTrue(entry.creating(), "announced, so the next plan writes the rest");
    }

    /**
     * A link that does not reach its destination (a delivery program's refusal, a timeout) leaves the invite pending
     * as having nowhere to deliver does: deferred, reported with its user and why, and the apply succeeds.
     */
    @Test
    void aLinkNotDeliveredLeavesTheInvitePendingAndIsReportedWithoutFailingTheApply() {
        Address user = Address.in(ResourceKind.USER, "alice", "child");
        List<PlanStep> steps = List.of(
                new PlanStep("create alice", new Action.Create(user, alice(), SensitiveFields.NONE), List.of()),
                new PlanStep("invite alice", new Action.Invite(user, Duration.ofHours(48)), List.of("create alice")));
        List<String> reported = new ArrayList<>();
        InviteDelivery refusing = new InviteDelivery() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Either<String, String> deliver(Invitation invitation) {
                return Either.left("deliver.sh exited with status 1: no public key for alice");
            }
        };
        StateStore store = store();
        ApplyResult result = new ApplyExecutor(new LatencyProvider(Duration.ZERO, Duration.ZERO), new Reported(reported),
                InstantSource.system(), Sleeper.REAL, new ApplyExecutor.Settings(10, 64, Duration.ofMinutes(1),
                RetryPolicy.DEFAULT, AccessSettings.BOTS, false, Duration.ZERO, Redaction.NONE), refusing)
                .run(new Plan(PlanMode.NORMAL, steps, List.of(), Diagnostics.NONE, 0), Map.of(), store, store.read().get());

        assertTrue(result.succeeded(), result.failureMessages()::toString);
        assertEquals(List.of("finished create alice", "deferred invite alice: pending: the link was not delivered "
                + "(deliver.sh exited with status 1: no public key for alice)"), reported);
        assertEquals(Map.of("create", 1), result.done(), "the invite is not counted as done");
        assertTrue(result.state().get(user).orElseThrow().invitePending(), "pending in state");
        assertEquals(List.of("user/alice@child: its invite link was not delivered (deliver.sh exited with status 1: no "
                + "public key for alice); the invite stays pending and the next apply issues a new link, or run "
                + "'teleform invite user/alice@child --out FILE'"),
                result.warnings().all().stream().map(dev.teleform.engine.diag.Diagnostic::message).toList());
    }

    @Test
    void anInviteWithNowhereToDeliverIsDeferredNotDoneAndWhatDependsOnItRuns() {
        Address user = Address.inParent(ResourceKind.USER, "alice");
        ObjectNode alice = JsonNodeFactory.instance.objectNode().put("kind", "user").put("version", "v2");
        alice.putObject("metadata").put("name", "alice");
        ObjectNode role = JsonNodeFactory.instance.objectNode().put("kind", "role").put("version", "v7");
        role.putObject("metadata").put("name", "after");
        List<PlanStep> steps = List.of(
                new PlanStep("create alice", new Action.Create(user, alice, SensitiveFields.NONE), List.of()),
                new PlanStep("invite alice", new Action.Invite(user, Duration.ofHours(1)), List.of("create alice")),
                new PlanStep("create after", new Action.Create(Address.inParent(ResourceKind.ROLE, "after"), role,
                        SensitiveFields.NONE), List.of("invite alice")));
        List<String> reported = new ArrayList<>();
        QuietEvents events = new Reported(reported);
        StateStore store = store();
        ApplyResult result = new ApplyExecutor(new LatencyProvider(Duration.ZERO, Duration.ZERO), events,
                InstantSource.system(), Sleeper.REAL, new ApplyExecutor.Settings(10, 64, Duration.ofMinutes(1),
                RetryPolicy.DEFAULT, AccessSettings.BOTS, false, Duration.ZERO, Redaction.NONE))
                .run(new Plan(PlanMode.NORMAL, steps, List.of(), Diagnostics.NONE, 0), Map.of(), store, store.read().get());

        assertEquals(List.of("deferred create alice: waits for its invite: there is nowhere to deliver the link (no "
                + "terminal, no --invites-out, no spec.invites.deliver), and Teleport makes a new user together with its link",
                "deferred invite alice: pending: there is nowhere to deliver the link (no terminal, no --invites-out, no spec.invites.deliver)",
                "finished create after"), reported);
        assertEquals(Map.of("create", 1), result.done(), "a deferred create and invite are not counted as done");
        assertEquals(List.of(user), result.pendingInvites());
        assertTrue(result.state().get(user).orElseThrow().invitePending());
    }

    @Test
    void theStateCommitSaysWhenAWorkloadClusterWasDeletedNotUntilWhenItIsRestorable() throws IOException {
        LatencyProvider provider = new LatencyProvider(Duration.ZERO, Duration.ZERO);
        Address gone = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "gone");
        List<PlanStep> steps = List.of(new PlanStep("delete gone", new Action.Delete(gone, false, List.of()), List.of()));
        StateStore store = store();
        ObjectNode applied = cluster("gone");
        State managed = store.read().get().state().next(Map.of(gone, new ResourceState(gone, applied, applied, false)));
        store.write(managed, Optional.empty(), "create").get();
        ApplyResult result = new ApplyExecutor(provider, new QuietEvents(), InstantSource.system(), Sleeper.REAL,
                new ApplyExecutor.Settings(1, 8, Duration.ofMinutes(1), RetryPolicy.DEFAULT, AccessSettings.BOTS, true,
                        Duration.ZERO, Redaction.NONE))
                .run(new Plan(PlanMode.NORMAL, steps, List.of(), Diagnostics.NONE, 0), Map.of(), store, store.read().get());

        assertTrue(result.succeeded(), result.failureMessages().toString());
        String message = lastCommitMessage();
        assertTrue(message.contains("\n\nworkload_cluster/gone deleted at " + LatencyProvider.SUSPENDED_AT
                + ": restorable for Teleport Cloud's grace period (14–15 days) from then"), message);
        assertFalse(message.contains("until"), message);
    }

    /** The whole message of the newest state commit; history lists only its first line. */
    private String lastCommitMessage() throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve("state.git").toFile()).build();
                RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(repository.resolve("refs/heads/main")).getFullMessage();
        }
    }

    private static ObjectNode cluster(String name) {
        ObjectNode cluster = JsonNodeFactory.instance.objectNode().put("kind", "workload_cluster").put("version", "v1");
        cluster.putObject("metadata").put("name", name);
        return cluster;
    }

    private static List<PlanStep> roleCreates(int roles) {
        List<PlanStep> steps = new ArrayList<>();
        for (int c = 0; c < CLUSTERS; c++) {
            String cluster = "c" + c;
            String bootstrap = "bootstrap " + cluster;
            steps.add(new PlanStep(bootstrap, new Action.Bootstrap(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, cluster)),
                    List.of()));
            for (int r = 0; r < roles; r++) {
                ObjectNode role = JsonNodeFactory.instance.objectNode().put("kind", "role").put("version", "v7");
                role.putObject("metadata").put("name", "r" + r);
                steps.add(new PlanStep("create role r" + r + "@" + cluster,
                        new Action.Create(Address.in(ResourceKind.ROLE, "r" + r, cluster), role, SensitiveFields.NONE), List.of(bootstrap)));
            }
        }
        return steps;
    }
}
