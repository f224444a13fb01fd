package dev.teleform.engine.operation.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.provider.WorkloadClusterStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static Readiness of(String state) {
        return Readiness.of(new WorkloadClusterStatus(state, Optional.empty()));
    }

    @Test
    void onlyActiveIsReadyAndOnlyFailedHasFailed() {
        assertEquals(Readiness.READY, of("active"));
        assertEquals(Readiness.FAILED, of("failed"));
        assertEquals(Readiness.NOT_YET, of("provisioning"));
        assertEquals(Readiness.NOT_YET, of(""), "no status yet");
    }
}
