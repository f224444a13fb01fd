package dev.teleform.engine.operation.apply;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The call slots of one apply: {@code perCluster} for each Teleport cluster and {@code overall} in all, a call
 * taking one of each. A slot that comes free goes to the waiting call of highest rank (the first to come among
 * equals) that a free pair of slots can serve; a call whose cluster is full never holds up calls to other
 * clusters, and no call holds a cluster's slot while it waits for an overall one.
 */
final class SlotQueue {

    private static final Comparator<Waiter> ORDER = Comparator.comparingInt((Waiter waiter) -> -waiter.rank)
            .thenComparingLong(waiter -> waiter.arrival);

    /** A call waiting for its slots; {@code served} once they are its. */
    private final class Waiter {
        private final String cluster;
        private final int rank;
        private final long arrival;
        private final Condition turn = lock.newCondition();
        private boolean served;

        private Waiter(String cluster, int rank, long arrival) {
            this.cluster = cluster;
            this.rank = rank;
            this.arrival = arrival;
        }
    }

    /** Not {@code synchronized}: callers are virtual threads, which a monitor they wait on would pin. */
    private final ReentrantLock lock = new ReentrantLock();
    private final int perCluster;
    private int freeOverall;
    private final Map<String, Integer> underWay = new HashMap<>();
    private final TreeSet<Waiter> waiting = new TreeSet<>(ORDER);
    private long arrivals;

    SlotQueue(int perCluster, int overall) {
        this.perCluster = Math.max(1, perCluster);
        this.freeOverall = Math.max(1, overall);
    }

    /** Takes a slot of {@code cluster} and one overall, waiting for its turn by {@code rank} if none is free. */
    void acquire(String cluster, int rank) {
        lock.lock();
        try {
            // Whoever waits cannot be served (every release serves all it can), so a call that can be is next.
            if (servable(cluster)) {
                take(cluster);
                return;
            }
            Waiter waiter = new Waiter(cluster, rank, arrivals++);
            waiting.add(waiter);
            while (!waiter.served) {
                waiter.turn.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives back the slots a call of {@code cluster} took, to the waiting calls they can serve. */
    void release(String cluster) {
        lock.lock();
        try {
            freeOverall++;
            underWay.merge(cluster, -1, Integer::sum);
            for (Iterator<Waiter> next = waiting.iterator(); next.hasNext() && freeOverall > 0; ) {
                Waiter waiter = next.next();
                if (servable(waiter.cluster)) {
                    take(waiter.cluster);
                    next.remove();
                    waiter.served = true;
                    waiter.turn.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting for slots now. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private boolean servable(String cluster) {
        return freeOverall > 0 && underWay.getOrDefault(cluster, 0) < perCluster;
    }

    private void take(String cluster) {
        freeOverall--;
        underWay.merge(cluster, 1, Integer::sum);
    }
}
