package dev.teleform.cli.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.cli.TeleformCli;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.operation.PlanOperation;
import dev.teleform.engine.operation.Workspace;
import dev.teleform.engine.operation.access.AccessSettings;
import dev.teleform.engine.operation.apply.ApplyExecutor;
import dev.teleform.engine.operation.apply.CrashPoints;
import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.Providers;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.ProviderConfigs;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.state.GitLocks;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.testing.QuietEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CrashIT's kill -9, in this JVM and at every point where a crash would leave a different world behind: before
 * each provider call of the apply, after it but before state has it, and after each commit of state
 * ({@link CrashPoints}). At the Nth point the run dies: the point throws, and from then on nothing the run does
 * reaches the simulator or state ({@link Observed}), as after a SIGKILL. Then state must hold only what was really
 * done, and the next apply (the CLI's, in this JVM) must finish without an already-exists error, create nothing
 * twice and leave live equal to the stack and state equal to live. With invited users, the points include each
 * user's create with its sign-up link and the delivery of that link: whatever the dead run did not deliver, the next
 * run must (no user is left without a link, none is pending). CrashIT keeps a few real kills of the packaged CLI,
 * for what only another process shows: the lock of a dead process taken over.
 */
class ApplyCrashPointsTest {

    private static final int CLUSTERS = 3;
    private static final String STACK = "crash";

    @TempDir
    Path base;

    /** The run dies at its Nth point; every point after that, on any thread, dies too. */
    private static final class Crash extends Error {
        Crash(String where) {
            super("crashed " + where, null, false, false);
        }
    }

    private static final class DieAt implements CrashPoints {
        private final int at;
        private final Observed observed;
        private final AtomicInteger seen = new AtomicInteger();
        private volatile CrashPoints.Point diedAt;

        DieAt(int at, Observed observed) {
            this.at = at;
            this.observed = observed;
        }

        @Override
        public void at(Point point, String what) {
            if (diedAt != null) {
                throw new Crash("(already dead) " + point + " " + what);
            }
            if (seen.incrementAndGet() == at) {
                observed.die();
                diedAt = point;
                throw new Crash(point + " " + what);
            }
        }
    }

    /**
     * Every point of a 3-cluster apply, with state checkpointed after every step and once a second as the CLI
     * does (which leaves most of the run to the next one to find live and adopt).
     */
    @ParameterizedTest(name = "checkpoint interval {0} ms")
    @ValueSource(ints = {0, 1000})
    void aRunKilledAtAnyPointIsCompletedByTheNextOne(int intervalMillis) throws Exception {
        killedAtEveryPoint(Duration.ofMillis(intervalMillis), false, false);
    }

    /** The same with each user invited: a link the dead run made but did not deliver is made again and delivered. */
    @ParameterizedTest(name = "checkpoint interval {0} ms")
    @ValueSource(ints = {0})
    void aRunKilledAtAnyPointLosesNoInviteLink(int intervalMillis) throws Exception {
        killedAtEveryPoint(Duration.ofMillis(intervalMillis), true, false);
    }

    /**
     * The same through a provider that writes together (as the teleport provider does): apply's groups of writes are
     * killed between any two of their calls, users' links included.
     */
    @ParameterizedTest(name = "checkpoint interval {0} ms")
    @ValueSource(ints = {0})
    void aGroupedRunKilledAtAnyPointIsCompletedByTheNextOne(int intervalMillis) throws Exception {
        killedAtEveryPoint(Duration.ofMillis(intervalMillis), true, true);
    }

    private void killedAtEveryPoint(Duration interval, boolean invited, boolean together) throws Exception {
        int intervalMillis = (int) interval.toMillis();
        int points = points(interval, invited, together);
        assertTrue(points >= 6 * CLUSTERS, "an apply of " + CLUSTERS + " clusters passes many points: " + points);
        Map<CrashPoints.Point, Integer> crashes = new EnumMap<>(CrashPoints.Point.class);
        long recorded = 0;
        for (int at = 1; at <= points; at++) {
            Path dir = base.resolve("interval-" + intervalMillis + (invited ? "-invited" : "") + (together ? "-together" : "")
                    + "-at-" + at);
            CrashStack.write(dir, STACK, CLUSTERS, invited);
            Set<Address> delivered = java.util.concurrent.ConcurrentHashMap.newKeySet();
            CrashPoints.Point point = crashedApply(dir, at, interval, invited, together, delivered);
            if (point == null) {
                continue; // this run passed fewer points (steps run in parallel, polls vary)
            }
            crashes.merge(point, 1, Integer::sum);
            String where = "died at point " + at + " of about " + points + " (" + point + ")";
            assertStateOnlyHoldsWhatWasDone(dir, where);

            Path invites = dir.resolve("invites.jsonl");
            Cli again = invited ? cli("apply", dir.toString(), "--auto-approve", "--invites-out", invites.toString())
                    : cli("apply", dir.toString(), "--auto-approve");
            String output = again.out() + again.err();
            assertEquals(0, again.exit(), where + ":\n" + output);
            assertFalse(output.toLowerCase().contains("already exists"), where + ":\n" + output);
            assertFalse(output.contains("the stack is locked"), where + ":\n" + output);
            assertTrue(new GitLocks(dir.resolve(".teleform/state.git"), STACK, InstantSource.system()).holder()
                    .isEmpty(), "the re-run released its lock: " + where);
            recorded += assertCreatedOnce(dir, where);
            Cli plan = cli("plan", dir.toString(), "--detailed-exitcode");
            assertEquals(0, plan.exit(), "live equals the stack after " + where + "\n" + plan.out() + plan.err());
            Cli state = cli("state", "list", dir.toString());
            assertEquals(3 * CLUSTERS, state.out().lines().filter(l -> l.contains("/")).count(),
                    "state holds every resource after " + where + ": " + state.out());
            if (invited) {
                assertEveryUserGotALink(delivered, invites, where);
            }
        }
        int crashed = crashes.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("ApplyCrashPointsTest (interval " + intervalMillis + " ms" + (invited ? ", invited" : "")
                + (together ? ", writes together" : "")
                + "): " + crashed + " of " + points
                + " points crashed " + crashes + "; " + recorded + " of " + crashed * 3 * CLUSTERS
                + " creations recorded");
        assertTrue(crashed >= points * 9 / 10, "most points were reached: " + crashed + " of " + points);
        assertEquals(Set.of(CrashPoints.Point.values()), crashes.keySet(), "every kind of point crashed: " + crashes);
        assertTrue(recorded >= crashed * 3L * CLUSTERS * 8 / 10, "the creation record works: " + recorded);
    }

    /** How many points an apply of the stack passes when nothing dies. */
    private int points(Duration interval, boolean invited, boolean together) throws Exception {
        Path dir = base.resolve("count-" + interval.toMillis() + (invited ? "-invited" : "") + (together ? "-together" : ""));
        CrashStack.write(dir, STACK, CLUSTERS, invited);
        AtomicInteger count = new AtomicInteger();
        Stack stack = load(dir);
        try (Provider provider = Providers.factory("simulator").get().open(config(stack))) {
            apply(stack, new Observed(provider, 0, together), store(stack), interval, (point, what) -> count.incrementAndGet(),
                    invited ? delivery(() -> false, java.util.concurrent.ConcurrentHashMap.newKeySet())
                            : InviteDelivery.NOWHERE);
        }
        return count.get();
    }

    /**
     * Applies the stack in {@code dir}, dying at its {@code at}th point; where it died (null: it did not). With
     * {@code invited}, links are delivered into {@code delivered} until the run dies.
     */
    private static CrashPoints.Point crashedApply(Path dir, int at, Duration interval, boolean invited,
            boolean together, Set<Address> delivered) throws Exception {
        Stack stack = load(dir);
        try (Provider provider = Providers.factory("simulator").get().open(config(stack))) {
            Observed observed = new Observed(provider, 0, together);
            DieAt dying = new DieAt(at, observed);
            apply(stack, observed, observed.store(store(stack)), interval, dying,
                    invited ? delivery(() -> dying.diedAt != null, delivered) : InviteDelivery.NOWHERE);
            return dying.diedAt;
        }
    }

    /** Delivery to {@code delivered}, which a dead run can no longer make. */
    private static InviteDelivery delivery(java.util.function.BooleanSupplier dead, Set<Address> delivered) {
        return new InviteDelivery() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public io.vavr.control.Either<String, String> deliver(dev.teleform.engine.operation.hook.Invitation link) {
                if (dead.getAsBoolean()) {
                    throw new Crash("(already dead) delivering the link of " + link.user());
                }
                delivered.add(link.user());
                return io.vavr.control.Either.right("the crash test");
            }
        };
    }

    /** Each user was delivered a link: by the dead run before it died, or by the next one ({@code invites}). */
    private static void assertEveryUserGotALink(Set<Address> delivered, Path invites, String where) throws Exception {
        String written = java.nio.file.Files.exists(invites) ? java.nio.file.Files.readString(invites) : "";
        for (int c = 0; c < CLUSTERS; c++) {
            Address user = Address.in(dev.teleform.engine.addr.ResourceKind.USER, "alice", "c" + c);
            assertTrue(delivered.contains(user) || written.contains("\"address\":\"" + user + "\""),
                    user + " got no link, " + where + "; delivered by the dead run: " + delivered + "; by the next: "
                            + written.lines().count() + " lines");
        }
    }

    private static void apply(Stack stack, Provider provider, StateStore store, Duration interval, CrashPoints points,
            InviteDelivery delivery) {
        ProviderConfig config = config(stack);
        Workspace workspace = new Workspace(stack, store, config, null);
        PlanOperation.Result planned = switch (PlanOperation.run(workspace, provider,
                new PlanOptions(PlanMode.NORMAL, Set.of(), Set.of()), 4)) {
            case dev.teleform.engine.operation.Outcome.Done<PlanOperation.Result> done -> done.value();
            case dev.teleform.engine.operation.Outcome.Failed<PlanOperation.Result> failed ->
                    throw new AssertionError("plan failed: " + failed.diagnostics().format(stack.dir()));
        };
        Map<Address, Resource> desired = new TreeMap<>();
        stack.resources().forEach(r -> desired.put(r.address(), r));
        ApplyExecutor executor = new ApplyExecutor(provider, new QuietEvents(), InstantSource.system(), Sleeper.REAL,
                new ApplyExecutor.Settings(10, 64, Duration.ofSeconds(30), RetryPolicy.DEFAULT, AccessSettings.of(config),
                        false, interval, stack.redaction()), delivery, points);
        try {
            executor.run(planned.plan(), desired, store, new StateStore.Snapshot(planned.state(), planned.stateVersion()));
        } catch (Crash died) {
            // at a commit outside the walk (the first or the last): the run ends there, as the process would
        }
    }

    /**
     * State, as the dead run left it, names nothing that does not exist live: it reflects what was really done. The
     * one exception is apply's write-ahead for invites: a user the plan invites is in state, marked pending, before
     * it is made, so that a run that dies in between still owes its link.
     */
    private static void assertStateOnlyHoldsWhatWasDone(Path dir, String where) {
        Stack stack = load(dir);
        State state = store(stack).read().get().state();
        Set<Address> live = ContractRun.live(dir).keySet();
        state.resources().forEach((address, entry) -> assertTrue(live.contains(address)
                        || address.kind() == dev.teleform.engine.addr.ResourceKind.USER && entry.invitePending(),
                address + " is in state but was not made, " + where));
    }

    /** The simulator's record of creations: none twice ({@link CrashStack#createdOnce}). */
    private static long assertCreatedOnce(Path dir, String where) {
        return CrashStack.createdOnce(cli("sim", "-C", dir.toString(), "status", "--format", "json").out(), CLUSTERS,
                where);
    }

    private record Cli(int exit, String out, String err) {}

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TeleformCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), name -> null);
        return new Cli(exit, out.toString(), err.toString());
    }

    private static Stack load(Path dir) {
        StackResult result = new StackReader(LoadOptions.defaults()).read(dir);
        if (!(result instanceof StackResult.Valid valid)) {
            throw new AssertionError("the stack is not valid:\n" + result.diagnostics().format(dir));
        }
        return valid.stack();
    }

    private static ProviderConfig config(Stack stack) {
        return ProviderConfigs.of(stack, InstantSource.system());
    }

    private static GitStateStore store(Stack stack) {
        return new GitStateStore(stack.dir().resolve(stack.settings().state().repo()), stack.settings().state().branch(),
                stack.settings().state().file(), STACK, InstantSource.system());
    }
}
