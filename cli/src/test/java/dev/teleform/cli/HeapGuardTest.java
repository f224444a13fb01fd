package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The heap guard watches only what outlives collections: a full survivor space after a young one is normal. */
class HeapGuardTest {

    @Test
    void aCollectionCountsOnlyWhenItLeavesTheOldGenerationAlmostFull() {
        long max = 100 * 1024 * 1024;
        Set<String> old = Set.of("PS Old Gen");
        assertTrue(HeapGuard.leftFull(Map.of("PS Old Gen", new MemoryUsage(0, max * 96 / 100, max, max)), old));
        assertFalse(HeapGuard.leftFull(Map.of("PS Old Gen", new MemoryUsage(0, max / 2, max, max)), old));
        assertFalse(HeapGuard.leftFull(Map.of("PS Survivor Space", new MemoryUsage(0, max, max, max)), old),
                "a full survivor space is no sign");
    }

    @Test
    void itWatchesTheOldGenerationNotTheYoungOne() {
        List<MemoryPoolMXBean> watched = HeapGuard.watched(ManagementFactory.getMemoryPoolMXBeans());
        assertFalse(watched.isEmpty(), "some heap pool outlives collections");
        assertTrue(watched.stream().noneMatch(pool -> pool.getName().contains("Eden")
                || pool.getName().contains("Survivor")), watched.stream().map(MemoryPoolMXBean::getName).toList()::toString);
    }
}
