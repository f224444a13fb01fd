package dev.teleform.engine.operation.access;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.BotJoin;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one place that reaches a Teleport cluster: the parent as the provider reaches it by itself, or as the
 * Machine ID bot of {@code spec.parent.join}; a workload cluster by logging in with its identity file
 * ({@code spec.clusters} settings) or by joining as its bot. Credentials are obtained once per run and cluster,
 * renewed when they are about to expire (a bot identity lasts an hour; a long apply outlives it), and obtained
 * through the run's {@link Calls}, which retry transient failures. Credentials that were replaced stay valid until
 * {@link #close()}, since a call under way may hold them.
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

    /** The key of the parent's credentials: no workload cluster has an empty name. */
    private static final String PARENT = "";
    /** What calls about the parent as a whole are about, which no address names. */
    private static final Address PARENT_CLUSTER = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "");

    private final Provider provider;
    private final Optional<BotJoin> parentJoin;
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

    public ClusterAccess(Provider provider, AccessSettings settings, Calls calls, InstantSource clock) {
        this.provider = provider;
        this.parentJoin = settings.parentJoin();
        this.identities = settings.clusterIdentities();
        this.calls = calls;
        this.clock = clock;
    }

    /** Access for one operation that makes a few calls, each retried as {@link Calls#retrying()} does. */
    public static ClusterAccess retrying(Provider provider, AccessSettings settings) {
        return new ClusterAccess(provider, settings, Calls.retrying(), InstantSource.system());
    }

    /** The calls this access makes its joins with, for the operation's other calls. */
    public Calls calls() {
        return calls;
    }

    /** Where calls about {@code address} go, reaching its workload cluster first if needed. */
    public Either<ProviderError, ClusterTarget> target(Address address) {
        return address.inParentCluster() ? parent().map(ClusterTarget.class::cast) : child(address.cluster());
    }

    /**
     * The parent cluster: as the provider reaches it by itself, or, with {@code spec.parent.join}, as the bot
     * this run joined it as, joined on first use and again before its identity expires.
     */
    public Either<ProviderError, ClusterTarget.Parent> parent() {
        if (parentJoin.isEmpty()) {
            return Either.right(ClusterTarget.parent());
        }
        return reuseOrObtain(PARENT, () -> calls.call(PARENT_CLUSTER, () -> provider.joinParent(parentJoin.get())))
                .map(ClusterTarget::parent);
    }

    /**
     * The identity file {@code cluster} is reached with ({@code spec.clusters.<name>.identity_file}); empty when it
     * is reached by joining as its bot. Asks nothing of the cluster.
     */
    public Optional<Path> identityFile(String cluster) {
        return Optional.ofNullable(identities.get(cluster));
    }

    /** Workload cluster {@code cluster}, with the credentials this run holds if they are still good. */
    public Either<ProviderError, ClusterTarget> child(String cluster) {
        return reuseOrObtain(cluster, () -> obtain(cluster)).map(ClusterTarget::child);
    }

    /** Fresh credentials for {@code cluster}, whatever this run holds: apply's join step. */
    public Either<ProviderError, ClusterCredentials> join(String cluster) {
        ReentrantLock lock = lockOf(cluster);
        lock.lock();
        try {
            return kept(cluster, obtain(cluster));
        } finally {
            lock.unlock();
        }
    }

    /** The credentials this run holds under {@code key} if they are still good, else freshly obtained ones. */
    private Either<ProviderError, ClusterCredentials> reuseOrObtain(String key,
            Supplier<Either<ProviderError, ClusterCredentials>> obtain) {
        ClusterCredentials current = good(key);
        if (current != null) {
            return Either.right(current);
        }
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            // another step may have renewed them while this one waited
            current = good(key);
            return current != null ? Either.right(current) : kept(key, obtain.get());
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

    /**
     * Logs in to or joins {@code cluster}. The parent is reached first, outside the cluster's call, so that a call
     * never holds the slots of two clusters; the parent's lock is only ever taken under a cluster's, never the
     * other way round.
     */
    private Either<ProviderError, ClusterCredentials> obtain(String cluster) {
        Path identity = identities.get(cluster);
        return parent().flatMap(parent -> calls.call(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, cluster),
                () -> identity != null ? provider.login(parent, cluster, identity) : provider.bootstrap(parent, cluster)));
    }

    /** Keeps what was obtained under {@code key}; what it replaces stays valid until the run ends. */
    private Either<ProviderError, ClusterCredentials> kept(String key, Either<ProviderError, ClusterCredentials> obtained) {
        obtained.forEach(fresh -> {
            Held previous = held.put(key, new Held(fresh, clock.instant()));
            if (previous != null) {
                synchronized (retired) {
                    retired.add(previous.credentials());
                }
            }
        });
        return obtained;
    }

    /** Who this run is in {@code cluster} (empty: the parent, if a bot joined it), for messages, if it has reached it. */
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
                closeFailures.add("closing the credentials of " + (credentials.cluster().isEmpty() ? "the parent cluster"
                        : credentials.cluster()) + " failed: " + e);
            }
        }
    }
}
