package dev.teleform.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LiveViewTest {

    private final StringWriter terminal = new StringWriter();
    private final FleetStatus status = new FleetStatus(List.of(Steps.WAIT, Steps.BOOTSTRAP, Steps.CREATE));
    private final LiveView view = new LiveView(status, new LiveScreen(new PrintWriter(terminal), 80,
            () -> status.block(Duration.ofSeconds(7))), Executors.newSingleThreadScheduledExecutor());

    @Test
    void startsAndWaitsShowInTheBlockOnlyAndHowEachStepEndedPrintsAboveIt() {
        view.started(Steps.WAIT);
        view.waiting(Steps.WAIT, Duration.ofSeconds(2), "creating");
        view.finished(Steps.WAIT, Duration.ofMillis(6000));
        view.started(Steps.BOOTSTRAP);
        view.retrying(Steps.BOOTSTRAP, 1, Duration.ofMillis(500), "connection refused");
        view.failed(Steps.BOOTSTRAP, "no join token");
        view.skipped(Steps.CREATE, "a step it depends on did not finish");
        view.close();
        assertEquals("""
                workload_cluster/child: active (6.0s)
                workload_cluster/child: attempt 1 failed (connection refused); retrying in 500ms
                workload_cluster/child: FAILED: no join token
                role/example@child: skipped (a step it depends on did not finish)
                -- teleform apply: 7s elapsed
                clusters: 0 provisioning, 0 active, 0 done, 1 failed (of 1)
                steps: 1 of 3 done, 1 failed, 1 skipped, 0 running
                """, terminal.toString());
    }

    @Test
    void aNoticeOfTheRunIsShownAtOnce() {
        view.started(Steps.WAIT);
        view.interrupted("teleform: interrupted: finishing the calls under way and saving state...");
        assertEquals("""
                teleform: interrupted: finishing the calls under way and saving state...
                -- teleform apply: 7s elapsed
                clusters: 1 provisioning, 0 active, 0 done, 0 failed (of 1)
                steps: 0 of 3 done, 1 running: workload_cluster/child
                """, terminal.toString());
        view.close();
    }
}
