package dev.teleform.cli;

import java.io.PrintWriter;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Ends the process with a message a person can act on when the Java heap is too small for the stack,
 * instead of letting it spend minutes in garbage collection first: a JVM whose heap is nearly full after
 * each collection keeps collecting for a long time before it gives up with an {@link OutOfMemoryError}.
 *
 * <p>It listens to the collections of the old generation (the heap that outlives collections): after
 * {@value #STRIKES} of them in a row that left it more than {@value #PERCENT}% full, the heap is too small;
 * one that leaves it emptier starts the count again. Young collections are not counted: they leave their
 * survivor space full as a matter of course. Ending goes through {@link System#exit}, so an apply's shutdown
 * hook cancels it as Ctrl-C would, and what was done is in state for a re-run.
 */
final class HeapGuard {

    static final int PERCENT = 95;
    static final int STRIKES = 3;
    static final String ADVICE = "Give Teleform more, e.g. TELEFORM_JAVA_OPTS=-Xmx2g (the launcher passes it to Java).";

    private HeapGuard() {
    }

    /**
     * The heap pools that outlive collections. Not the young ones: a young collection leaves its survivor space
     * full as a matter of course, which says nothing about the heap being too small.
     */
    static List<MemoryPoolMXBean> watched(List<MemoryPoolMXBean> pools) {
        return pools.stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getUsage().getMax() > 0)
                .filter(pool -> !pool.getName().contains("Eden") && !pool.getName().contains("Survivor"))
                .toList();
    }

    /** Whether a collection left any of {@code old} more than {@link #PERCENT}% full. */
    static boolean leftFull(Map<String, MemoryUsage> after, Set<String> old) {
        return old.stream().map(after::get).anyMatch(usage -> usage != null && usage.getMax() > 0
                && usage.getUsed() * 100 >= usage.getMax() * PERCENT);
    }

    /** Watches the heap from now on; {@code exit} ends the process with the error code after {@code err} says why. */
    static void install(PrintWriter err, IntConsumer exit) {
        long max = Runtime.getRuntime().maxMemory();
        Set<String> old = watched(ManagementFactory.getMemoryPoolMXBeans()).stream().map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        AtomicInteger strikes = new AtomicInteger();
        NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            if (info.getGcAction().contains("minor")) {
                return;
            }
            if (!leftFull(info.getGcInfo().getMemoryUsageAfterGc(), old)) {
                strikes.set(0);
            } else if (strikes.incrementAndGet() >= STRIKES) {
                err.println("teleform: the Java heap (at most " + max / (1024 * 1024) + " MB) is too small for this "
                        + "stack: it stayed full after " + STRIKES + " garbage collections in a row. " + ADVICE);
                err.flush();
                exit.accept(TeleformCli.ERROR);
            }
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
    }
}
