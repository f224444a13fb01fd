package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The status polls of an apply's waits. Through a provider that {@link
 * dev.teleform.engine.provider.Provider#writesTogether reads together}, the polls asked for while one is under way
 * become one {@link dev.teleform.engine.provider.Provider#getNamed read} of all their workload clusters, made by
 * whichever of them comes next: waits for clusters created together poll on the same schedule, so a fleet's polls
 * cost a call or two per round rather than one per cluster. Nothing waits on purpose, so no poll is later for it.
 * Through any other provider each poll is its own {@code status} call.
 */
final class StatusPolls {

    private record Asked(Address cluster, CompletableFuture<Either<ProviderError, WorkloadClusterStatus>> answer) {}

    /** Not {@code synchronized}: pollers are virtual threads, which a monitor they wait on would pin. */
    private final ReentrantLock turn = new ReentrantLock();
    private final ConcurrentLinkedQueue<Asked> queue = new ConcurrentLinkedQueue<>();

    /** The status of the workload cluster at {@code cluster}, read from {@code parent} now. */
    Either<ProviderError, WorkloadClusterStatus> poll(RunContext run, ClusterTarget.Parent parent, Address cluster) {
        if (!run.provider().writesTogether()) {
            return run.call(cluster, () -> run.provider().status(parent, cluster.name()));
        }
        Asked mine = new Asked(cluster, new CompletableFuture<>());
        queue.add(mine);
        turn.lock();
        try {
            if (!mine.answer().isDone()) {
                List<Asked> round = new ArrayList<>();
                Asked next;
                while ((next = queue.poll()) != null) {
                    round.add(next);
                }
                answer(run, parent, round);
            }
        } finally {
            turn.unlock();
        }
        return mine.answer().join();
    }

    /** One read of every cluster of {@code round}, each one's answer its own; whatever happens, each gets one. */
    private static void answer(RunContext run, ClusterTarget.Parent parent, List<Asked> round) {
        try {
            Set<String> names = new TreeSet<>();
            round.forEach(asked -> names.add(asked.cluster().name()));
            Either<ProviderError, Map<ResourceKind, List<LiveResource>>> read = run.call(round.getFirst().cluster(),
                    () -> run.provider().getNamed(parent, Map.of(ResourceKind.WORKLOAD_CLUSTER, names)));
            for (Asked asked : round) {
                asked.answer().complete(read.flatMap(found -> found.getOrDefault(ResourceKind.WORKLOAD_CLUSTER,
                        List.of()).stream().filter(live -> live.name().equals(asked.cluster().name())).findFirst()
                        .map(live -> Either.<ProviderError, WorkloadClusterStatus>right(
                                WorkloadClusterStatus.of(live.document())))
                        .orElseGet(() -> Either.left(new ProviderError.NotFound("workload_cluster \""
                                + asked.cluster().name() + "\" is not found")))));
            }
        } catch (RuntimeException e) {
            round.forEach(asked -> asked.answer().completeExceptionally(e));
            throw e;
        }
    }
}
