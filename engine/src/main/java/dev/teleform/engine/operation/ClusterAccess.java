package dev.teleform.engine.operation;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    }

    private final Provider provider;
    private final Map<String, Path> identities;
    private final Calls calls;
    private final InstantSource clock;
    private final Map<String, ClusterCredentials> held = new ConcurrentHashMap<>();
    private final Map<String, Object> joining = new ConcurrentHashMap<>();
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

    /** Where calls about {@code address} go, reaching its workload cluster first if needed. */
    public Either<ProviderError, ClusterTarget> target(Address address) {
        return address.inParentCluster() ? Either.right(ClusterTarget.parent()) : child(address.cluster());
    }

    /** Workload cluster {@code cluster}, with the credentials this run holds if they are still good. */
    public Either<ProviderError, ClusterTarget> child(String cluster) {
        ClusterCredentials current = fresh(cluster);
        if (current != null) {
            return Either.right(ClusterTarget.child(current));
        }
        synchronized (lockOf(cluster)) {
            // another step may have renewed them while this one waited
            current = fresh(cluster);
            return current != null ? Either.right(ClusterTarget.child(current)) : obtain(cluster).map(ClusterTarget::child);
        }
    }

    /** Fresh credentials for {@code cluster}, whatever this run holds: apply's join step. */
    public Either<ProviderError, ClusterCredentials> join(String cluster) {
        synchronized (lockOf(cluster)) {
            return obtain(cluster);
        }
    }

    private ClusterCredentials fresh(String cluster) {
        ClusterCredentials current = held.get(cluster);
        return current != null && current.expires().isAfter(clock.instant().plus(RENEW_BEFORE)) ? current : null;
    }

    private Object lockOf(String cluster) {
        return joining.computeIfAbsent(cluster, name -> new Object());
    }

    private Either<ProviderError, ClusterCredentials> obtain(String cluster) {
        Path identity = identities.get(cluster);
        Either<ProviderError, ClusterCredentials> obtained = calls.call(
                Address.inParent(ResourceKind.WORKLOAD_CLUSTER, cluster),
                () -> identity != null ? provider.login(cluster, identity) : provider.bootstrap(cluster));
        obtained.forEach(fresh -> {
            ClusterCredentials previous = held.put(cluster, fresh);
            if (previous != null) {
                synchronized (retired) {
                    retired.add(previous);
                }
            }
        });
        return obtained;
    }

    /** Who this run is in {@code cluster}, for messages, if it has reached it. */
    public String identity(String cluster) {
        ClusterCredentials current = held.get(cluster);
        return current == null ? "" : current.describe();
    }

    /** What closing the credentials reported, for the run's warnings. */
    public synchronized List<String> closeFailures() {
        return List.copyOf(closeFailures);
    }

    /** Removes every identity this run obtained; a failure to remove one is noted, never thrown. */
    @Override
    public synchronized void close() {
        List<ClusterCredentials> all;
        synchronized (retired) {
            all = new ArrayList<>(retired);
            retired.clear();
        }
        all.addAll(held.values());
        held.clear();
        for (ClusterCredentials credentials : all) {
            try {
                credentials.close();
            } catch (RuntimeException e) {
                closeFailures.add("closing the credentials of " + credentials.cluster() + " failed: " + e);
            }
        }
    }
}
