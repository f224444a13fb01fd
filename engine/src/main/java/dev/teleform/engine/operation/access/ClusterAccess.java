package dev.teleform.engine.operation.access;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.retry.Retries;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one place that reaches a Teleport cluster: the parent as it is, a workload cluster by logging in
 * with its identity file ({@code spec.provider} settings) or by joining as its bot. Credentials are
 * obtained once per run and cluster, renewed when they are about to expire (a bot identity lasts an hour;
 * a long apply outlives it), and obtained through the run's {@link Calls}, which retry transient failures.
 * Credentials that were replaced stay valid until {@link #close()}, since a call under way may hold them.
 */
public final class ClusterAccess implements AutoCloseable {

    /** How long before they expire credentials are renewed: longer than any one provider call takes. */
    public static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    /** How the run makes a provider call about an address: with its retries and, in apply, its slots. */
    @FunctionalInterface
    public interface Calls {
        <T> Either<ProviderError, T> call(Address about, Supplier<Either<ProviderError, T>> call);

        /** Each call retried on transient failures as {@link RetryPolicy#DEFAULT} says. */
        static Calls retrying() {
            Retries retries = new Retries(RetryPolicy.DEFAULT, Sleeper.REAL);
            return new Calls() {
                @Override
                public <T> Either<ProviderError, T> call(Address about, Supplier<Either<ProviderError, T>> call) {
                    return retries.call(call, Retries.Listener.NONE);
                }
            };
        }
    }

    /** Credentials as this run holds them: with when they were obtained, to judge when to renew them. */
    private record Held(ClusterCredentials credentials, Instant obtained) {

        /**
         * Still good for the next call: more than {@link #RENEW_BEFORE} left, or for credentials that never
         * lasted that long, more than half of their life, so short-lived ones are not obtained on every call.
         */
        boolean good(Instant now) {
            Duration life = Duration.between(obtained, credentials.expires());
            Duration margin = life.compareTo(RENEW_BEFORE.multipliedBy(2)) < 0 ? life.dividedBy(2) : RENEW_BEFORE;
            return credentials.expires().isAfter(now.plus(margin));
        }
    }

    private final Provider provider;
    private final Map<String, Path> identities;
    private final Calls calls;
    private final InstantSource clock;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    /**
     * One lock per cluster, so a fleet's clusters are joined side by side and the steps of one cluster wait for
     * one join. Not {@code synchronized}: a join runs a tool and sleeps between retries, which must not pin a
     * virtual thread's carrier.
     */
    private final Map<String, ReentrantLock> joining = new ConcurrentHashMap<>();
    private final List<ClusterCredentials> retired = new ArrayList<>();
    private final List<String> closeFailures = new ArrayList<>();

    /**
     * @param identities identity files used instead of the bot, by workload cluster
     */
    public ClusterAccess(Provider provider, Map<String, Path> identities, Calls calls, InstantSource clock) {
        this.provider = provider;
        this.identities = Map.copyOf(identities);
        this.calls = calls;
        this.clock = clock;
    }

    /** Access for one operation that makes a few calls, each retried as {@link Calls#retrying()} does. */
    public static ClusterAccess retrying(Provider provider, Map<String, Path> identities) {
        return new ClusterAccess(provider, identities, Calls.retrying(), InstantSource.system());
    }

    /** The calls this access makes its joins with, for the operation's other calls. */
    public Calls calls() {
        return calls;
    }

    /** Where calls about {@code address} go, reaching its workload cluster first if needed. */
    public Either<ProviderError, ClusterTarget> target(Address address) {
        return address.inParentCluster() ? Either.right(ClusterTarget.parent()) : child(address.cluster());
    }

    /** Workload cluster {@code cluster}, with the credentials this run holds if they are still good. */
    public Either<ProviderError, ClusterTarget> child(String cluster) {
        ClusterCredentials current = good(cluster);
        if (current != null) {
            return Either.right(ClusterTarget.child(current));
        }
        ReentrantLock lock = lockOf(cluster);
        lock.lock();
        try {
            // another step may have renewed them while this one waited
            current = good(cluster);
            return current != null ? Either.right(ClusterTarget.child(current)) : obtain(cluster).map(ClusterTarget::child);
        } finally {
            lock.unlock();
        }
    }

    /** Fresh credentials for {@code cluster}, whatever this run holds: apply's join step. */
    public Either<ProviderError, ClusterCredentials> join(String cluster) {
        ReentrantLock lock = lockOf(cluster);
        lock.lock();
        try {
            return obtain(cluster);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the credentials of {@code cluster} now, for an operation that is done with it (refresh reads a
     * cluster once), so a fleet's identities do not wait on disk for the whole run.
     */
    public void release(String cluster) {
        Held released = held.remove(cluster);
        if (released != null) {
            closeQuietly(released.credentials());
        }
    }

    private ClusterCredentials good(String cluster) {
        Held current = held.get(cluster);
        return current != null && current.good(clock.instant()) ? current.credentials() : null;
    }

    private ReentrantLock lockOf(String cluster) {
        return joining.computeIfAbsent(cluster, name -> new ReentrantLock());
    }

    private Either<ProviderError, ClusterCredentials> obtain(String cluster) {
        Path identity = identities.get(cluster);
        Either<ProviderError, ClusterCredentials> obtained = calls.call(
                Address.inParent(ResourceKind.WORKLOAD_CLUSTER, cluster),
                () -> identity != null ? provider.login(cluster, identity) : provider.bootstrap(cluster));
        obtained.forEach(fresh -> {
            Held previous = held.put(cluster, new Held(fresh, clock.instant()));
            if (previous != null) {
                synchronized (retired) {
                    retired.add(previous.credentials());
                }
            }
        });
        return obtained;
    }

    /** Who this run is in {@code cluster}, for messages, if it has reached it. */
    public String identity(String cluster) {
        Held current = held.get(cluster);
        return current == null ? "" : current.credentials().describe();
    }

    /** What removing credentials reported (an identity left on disk), for the operation's warnings. */
    public List<String> closeFailures() {
        synchronized (closeFailures) {
            return List.copyOf(closeFailures);
        }
    }

    /** Removes every identity this run obtained; a failure to remove one is noted, never thrown. */
    @Override
    public void close() {
        List<ClusterCredentials> all;
        synchronized (retired) {
            all = new ArrayList<>(retired);
            retired.clear();
        }
        for (String cluster : List.copyOf(held.keySet())) {
            Held released = held.remove(cluster);
            if (released != null) {
                all.add(released.credentials());
            }
        }
        all.forEach(this::closeQuietly);
    }

    private void closeQuietly(ClusterCredentials credentials) {
        try {
            credentials.close();
        } catch (RuntimeException e) {
            synchronized (closeFailures) {
                closeFailures.add("closing the credentials of " + credentials.cluster() + " failed: " + e);
            }
        }
    }
}
