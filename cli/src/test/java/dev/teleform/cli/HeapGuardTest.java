package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The heap guard watches only what outlives collections: a full survivor space after a young one is normal. */
class HeapGuardTest {

    @Test
    void itWatchesTheOldGenerationNotTheYoungOne() {
        List<MemoryPoolMXBean> watched = HeapGuard.watched(ManagementFactory.getMemoryPoolMXBeans());
        assertFalse(watched.isEmpty(), "some heap pool outlives collections");
        assertTrue(watched.stream().noneMatch(pool -> pool.getName().contains("Eden")
                || pool.getName().contains("Survivor")), watched.stream().map(MemoryPoolMXBean::getName).toList()::toString);
    }
}
