package dev.teleform.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Ends the process with a message a person can act on when the Java heap is too small for the stack,
 * instead of letting it spend minutes in garbage collection first: a JVM whose heap is nearly full after
 * each collection keeps collecting for a long time before it gives up with an {@link OutOfMemoryError}.
 *
 * <p>It watches the heap pool that outlives collections (the old generation) through the JVM's own
 * collection-usage threshold: after {@value #STRIKES} collections in a row that left it more than
 * {@value #PERCENT}% full, the heap is too small. Ending then is what a killed run is: an apply's state
 * holds what was done (DESIGN.md §7), and a re-run converges.
 */
final class HeapGuard {

    static final int PERCENT = 95;
    static final int STRIKES = 3;

    private HeapGuard() {
    }

    /**
     * The heap pools that outlive collections. Not the young ones: a young collection leaves its survivor space
     * full as a matter of course, which says nothing about the heap being too small.
     */
    static List<MemoryPoolMXBean> watched(List<MemoryPoolMXBean> pools) {
        return pools.stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
                .filter(pool -> pool.getUsage().getMax() > 0)
                .filter(pool -> !pool.getName().contains("Eden") && !pool.getName().contains("Survivor"))
                .toList();
    }

    /** Watches the heap from now on; {@code exit} ends the process with the error code after {@code err} says why. */
    static void install(PrintWriter err, IntConsumer exit) {
        long max = Runtime.getRuntime().maxMemory();
        AtomicInteger strikes = new AtomicInteger();
        List<MemoryPoolMXBean> pools = watched(ManagementFactory.getMemoryPoolMXBeans());
        for (MemoryPoolMXBean pool : pools) {
            pool.setCollectionUsageThreshold(pool.getUsage().getMax() * PERCENT / 100);
        }
        NotificationListener listener = (notification, handback) -> {
            if (!MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                return;
            }
            boolean full = pools.stream().anyMatch(pool -> pool.getCollectionUsage().getUsed()
                    >= pool.getCollectionUsageThreshold());
            if (!full) {
                strikes.set(0);
            } else if (strikes.incrementAndGet() >= STRIKES) {
                err.println("teleform: the Java heap (at most " + max / (1024 * 1024) + " MB) is too small for this "
                        + "stack: it stayed full after " + STRIKES + " garbage collections in a row. Give Teleform more, "
                        + "e.g. TELEFORM_JAVA_OPTS=-Xmx2g (the launcher passes it to Java).");
                err.flush();
                exit.accept(TeleformCli.ERROR);
            }
        };
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(listener, null, null);
    }
}
