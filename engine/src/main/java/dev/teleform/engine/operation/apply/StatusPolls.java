package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The status polls of an apply's waits. Through a provider that {@link
 * dev.teleform.engine.provider.Provider#writesTogether reads together}, a poll also reads every other cluster whose
 * wait is due to poll within {@link #EARLY} (a wait says when, before it pauses), in the same {@link
 * dev.teleform.engine.provider.Provider#getNamed read}, and keeps their answers for them: waits of clusters created
 * together pause alike, so each round of a fleet's polls is one read, decided by when each is due rather than by
 * which thread comes first. Through any other provider each poll is its own {@code status} call.
 */
final class StatusPolls {

    /** How much earlier than due a wait's cluster may be read for it: well under the first pause of a wait. */
    static final Duration EARLY = Duration.ofSeconds(1);

    private record Answer(Instant readAt, Either<ProviderError, WorkloadClusterStatus> status) {}

    /** Not {@code synchronized}: pollers are virtual threads, which a monitor they wait on would pin. */
    private final ReentrantLock turn = new ReentrantLock();
    /** When each pausing wait polls next, by cluster name. */
    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    /** Answers read for a wait ahead of its poll, by cluster name. */
    private final Map<String, Answer> readAhead = new ConcurrentHashMap<>();

    /** The wait of {@code cluster} pauses now and polls again at {@code next}. */
    void due(Address cluster, Instant next) {
        due.put(cluster.name(), next);
    }

    /** The status of the workload cluster at {@code cluster}, read from {@code parent} now or for this poll. */
    Either<ProviderError, WorkloadClusterStatus> poll(RunContext run, ClusterTarget.Parent parent, Address cluster) {
        if (!run.provider().writesTogether()) {
            due.remove(cluster.name());
            return run.call(cluster, () -> run.provider().status(parent, cluster.name()));
        }
        turn.lock();
        try {
            // Taken under the lock: a poll under way may be reading this cluster ahead, as still due.
            Instant asked = Optional.ofNullable(due.remove(cluster.name())).orElseGet(run.clock()::instant);
            Answer ahead = readAhead.remove(cluster.name());
            if (ahead != null && !ahead.readAt().isBefore(asked.minus(EARLY))) {
                return ahead.status();
            }
            Instant now = run.clock().instant();
            Set<String> names = new TreeSet<>(Set.of(cluster.name()));
            due.forEach((name, next) -> {
                if (!next.isAfter(now.plus(EARLY))) {
                    names.add(name);
                }
            });
            var read = run.call(cluster, () -> run.provider().getNamed(parent, Map.of(ResourceKind.WORKLOAD_CLUSTER,
                    names)));
            names.stream().filter(name -> !name.equals(cluster.name())).forEach(name ->
                    readAhead.put(name, new Answer(now, status(read, name))));
            return status(read, cluster.name());
        } finally {
            turn.unlock();
        }
    }

    private static Either<ProviderError, WorkloadClusterStatus> status(
            Either<ProviderError, Map<ResourceKind, List<LiveResource>>> read, String name) {
        return Found.in(read, Address.inParent(ResourceKind.WORKLOAD_CLUSTER, name))
                .map(live -> WorkloadClusterStatus.of(live.document()));
    }
}
