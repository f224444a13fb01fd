package dev.teleform.engine.operation.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.retry.Retries;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.testing.LatencyProvider;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ClusterAccessTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    /** Credentials that last an hour from when they were obtained, as a bot's do, and note being closed. */
    private record Held(String cluster, String describe, Instant expires, AtomicBoolean removed)
            implements ClusterCredentials {
        Held(String cluster, String describe, Instant expires) {
            this(cluster, describe, expires, new AtomicBoolean());
        }

        @Override
        public void close() {
            removed.set(true);
        }

        boolean closed() {
            return removed.get();
        }
    }

    private static class Joins extends LatencyProvider {
        final List<Held> issued = new ArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        Instant now = NOW;

        Joins() {
            super(Duration.ZERO, Duration.ZERO);
        }

        /** The parent each join and login was made through, in order. */
        final List<ClusterTarget.Parent> through = new ArrayList<>();

        @Override
        public synchronized Either<ProviderError, ClusterCredentials> bootstrap(ClusterTarget.Parent parent,
                String cluster) {
            if (failuresLeft.getAndDecrement() > 0) {
                return Either.left(new ProviderError.ConnectionProblem("the proxy did not answer"));
            }
            through.add(parent);
            Held held = new Held(cluster, "bot " + cluster, now.plus(Duration.ofHours(1)));
            issued.add(held);
            return Either.right(held);
        }

        @Override
        public synchronized Either<ProviderError, ClusterCredentials> login(ClusterTarget.Parent parent, String cluster,
                Path identityFile) {
            through.add(parent);
            Held held = new Held(cluster, "identity file " + identityFile.getFileName(), now.plus(Duration.ofHours(1)));
            issued.add(held);
            return Either.right(held);
        }

        @Override
        public synchronized Either<ProviderError, ClusterCredentials> joinParent(BotJoin join) {
            if (failuresLeft.getAndDecrement() > 0) {
                return Either.left(new ProviderError.ConnectionProblem("the parent's proxy did not answer"));
            }
            Held held = new Held("", join.describe(), now.plus(Duration.ofHours(1)));
            issued.add(held);
            return Either.right(held);
        }
    }

    private final Joins provider = new Joins();
    private final Retries retries = new Retries(new RetryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO), duration -> { });

    private ClusterAccess access(Map<String, Path> identities) {
        return access(new AccessSettings(Optional.empty(), identities));
    }

    private ClusterAccess access(AccessSettings settings) {
        return new ClusterAccess(provider, settings, new ClusterAccess.Calls() {
            @Override
            public <T> Either<ProviderError, T> call(Address about, Supplier<Either<ProviderError, T>> call) {
                return retries.call(call, Retries.Listener.NONE);
            }
        }, () -> provider.now);
    }

    @Test
    void aClusterIsJoinedOnceAndItsCredentialsAreKeptForTheRun() {
        try (ClusterAccess access = access(Map.of())) {
            var first = assertInstanceOf(ClusterTarget.Child.class, access.child("a").get());
            var second = assertInstanceOf(ClusterTarget.Child.class,
                    access.target(Address.in(ResourceKind.ROLE, "r", "a")).get());
            assertSame(first.credentials(), second.credentials());
            assertEquals(1, provider.issued.size());
            assertEquals("bot a", access.identity("a"));
            assertInstanceOf(ClusterTarget.Parent.class, access.target(Address.inParent(ResourceKind.ROLE, "r")).get());
        }
        assertTrue(provider.issued.getFirst().closed(), "the run's credentials are removed when it ends");
    }

    @Test
    void credentialsAboutToExpireAreRenewedAndTheOldOnesStayUsableUntilTheEnd() {
        try (ClusterAccess access = access(Map.of())) {
            access.child("a");
            provider.now = NOW.plus(Duration.ofMinutes(50)); // ten minutes left: still good
            access.child("a");
            assertEquals(1, provider.issued.size());
            provider.now = NOW.plus(Duration.ofMinutes(56)); // four minutes left: renewed
            var renewed = assertInstanceOf(ClusterTarget.Child.class, access.child("a").get());
            assertEquals(2, provider.issued.size());
            assertSame(provider.issued.get(1), renewed.credentials());
            assertTrue(!provider.issued.getFirst().closed(), "a call under way may still hold the old credentials");
        }
        assertTrue(provider.issued.stream().allMatch(held -> held.closed()));
    }

    @Test
    void anIdentityFileIsUsedInsteadOfTheBotAndAJoinIsRetried() {
        provider.failuresLeft.set(2);
        try (ClusterAccess access = access(Map.of("b", Path.of("ids/b.identity")))) {
            assertEquals("identity file b.identity", access.join("b").get().describe());
            assertEquals("bot a", access.join("a").get().describe(), "two transient failures, then the join");
            assertEquals(2, provider.issued.size());
        }
    }

    @Test
    void aJoinAlwaysObtainsFreshCredentials() {
        try (ClusterAccess access = access(Map.of())) {
            access.child("a");
            access.join("a");
            assertEquals(2, provider.issued.size());
            assertSame(provider.issued.get(1),
                    ((ClusterTarget.Child) access.child("a").get()).credentials());
        }
    }

    @Test
    void stepsOfOneClusterMeetingExpiredCredentialsTogetherShareOneJoin() throws Exception {
        try (ClusterAccess access = access(Map.of())) {
            access.child("a");
            provider.now = NOW.plus(Duration.ofMinutes(58));
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var started = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<?>> steps = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    steps.add(threads.submit(() -> {
                        started.await();
                        return access.child("a").get();
                    }));
                }
                started.countDown();
                for (var step : steps) {
                    step.get();
                }
            }
            assertEquals(2, provider.issued.size(), "one first join, one renewal for all fifty steps");
        }
    }

    @Test
    void aReleasedClusterHasItsCredentialsRemovedAtOnce() {
        try (ClusterAccess access = access(Map.of())) {
            access.child("a");
            access.child("b");
            access.release("a");
            assertTrue(provider.issued.get(0).closed());
            assertTrue(!provider.issued.get(1).closed());
            assertEquals("", access.identity("a"));
        }
    }

    @Test
    void shortLivedCredentialsAreKeptForHalfTheirLifeNotObtainedOnEveryCall() {
        Joins shortLived = new Joins() {
            @Override
            public synchronized Either<ProviderError, ClusterCredentials> bootstrap(ClusterTarget.Parent parent,
                    String cluster) {
                Held held = new Held(cluster, "bot " + cluster, now.plus(Duration.ofMinutes(4)));
                issued.add(held);
                return Either.right(held);
            }
        };
        try (ClusterAccess access = new ClusterAccess(shortLived, AccessSettings.BOTS, ClusterAccess.Calls.retrying(),
                () -> shortLived.now)) {
            access.child("a");
            access.child("a");
            shortLived.now = NOW.plus(Duration.ofMinutes(1));
            access.child("a");
            assertEquals(1, shortLived.issued.size());
            shortLived.now = NOW.plus(Duration.ofMinutes(3));
            access.child("a");
            assertEquals(2, shortLived.issued.size());
        }
    }

    private static final BotJoin GITHUB = new BotJoin("github", "teleform-ci");

    @Test
    void withoutAParentJoinTheParentIsReachedAsTheProviderReachesItAndNothingIsJoined() {
        try (ClusterAccess access = access(Map.of())) {
            assertEquals(Optional.empty(), access.parent().get().credentials());
            access.child("a");
            assertEquals(List.of(ClusterTarget.parent()), provider.through);
            assertEquals(List.of("bot a"), provider.issued.stream().map(Held::describe).toList());
        }
    }

    @Test
    void aParentJoinIsMadeOnceRetriedRenewedAndRemovedLikeAChildsJoin() {
        provider.failuresLeft.set(1);
        try (ClusterAccess access = access(new AccessSettings(Optional.of(GITHUB), Map.of()))) {
            var parent = assertInstanceOf(ClusterTarget.Parent.class,
                    access.target(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "a")).get());
            assertEquals("Machine ID bot (github join)", parent.credentials().orElseThrow().describe(),
                    "one transient failure, then the join");
            assertSame(parent.credentials().get(), access.parent().get().credentials().get(), "kept for the run");
            assertEquals("Machine ID bot (github join)", access.identity(""));
            provider.now = NOW.plus(Duration.ofMinutes(56));
            var renewed = access.parent().get().credentials().get();
            assertEquals(2, provider.issued.size());
            assertSame(provider.issued.get(1), renewed);
            assertTrue(!provider.issued.getFirst().closed(), "a call under way may still hold the old identity");
        }
        assertTrue(provider.issued.stream().allMatch(Held::closed), "the parent's identities are removed at the end");
    }

    @Test
    void aWorkloadClusterIsJoinedThroughTheParentsBot() {
        try (ClusterAccess access = access(new AccessSettings(Optional.of(GITHUB), Map.of("b", Path.of("b.identity"))))) {
            access.child("a");
            access.child("b");
            Held parentBot = provider.issued.getFirst();
            assertEquals("", parentBot.cluster());
            assertEquals(List.of(ClusterTarget.parent(parentBot), ClusterTarget.parent(parentBot)), provider.through,
                    "the bot join and the login both read the cluster from the parent as its bot");
            assertEquals(3, provider.issued.size(), "one parent join for both clusters");
        }
    }

    @Test
    void aParentJoinThatFailsFailsWhatNeedsTheParentAndJoinsNoChild() {
        Joins refusing = new Joins() {
            @Override
            public synchronized Either<ProviderError, ClusterCredentials> joinParent(BotJoin join) {
                return Either.left(new ProviderError.BadParameter(
                        "joining with token: ACTIONS_ID_TOKEN_REQUEST_URL environment variable missing"));
            }
        };
        try (ClusterAccess access = new ClusterAccess(refusing, new AccessSettings(Optional.of(GITHUB), Map.of()),
                ClusterAccess.Calls.retrying(), () -> NOW)) {
            assertInstanceOf(ProviderError.BadParameter.class, access.target(Address.inParent(ResourceKind.ROLE, "r"))
                    .getLeft());
            assertInstanceOf(ProviderError.BadParameter.class, access.child("a").getLeft());
            assertEquals(List.of(), refusing.issued);
        }
    }
}
