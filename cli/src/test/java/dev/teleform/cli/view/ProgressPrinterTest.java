package dev.teleform.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.plan.PlanStep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private static String printed(Consumer<ProgressPrinter> events) {
        StringWriter err = new StringWriter();
        events.accept(new ProgressPrinter(new PrintWriter(err, true)));
        return err.toString();
    }

    private static final List<PlanStep> EVERY_ACTION = List.of(Steps.CREATE, Steps.ADOPT, Steps.UPDATE, Steps.REPLACE,
            Steps.DELETE, Steps.FORGET, Steps.WAIT, Steps.BOOTSTRAP, Steps.INVITE);

    @Test
    void eachActionSaysWhatItStarts() {
        assertEquals("""
                role/example@child: creating...
                role/example@child: adopting...
                role/example@child: updating...
                role/example@child: replacing...
                role/example@child: deleting...
                role/example@child: forgetting (Teleport keeps it)...
                workload_cluster/child: waiting until active...
                workload_cluster/child: joining as its bot...
                invite for user/alice@child: creating an invite...
                """, printed(progress -> EVERY_ACTION.forEach(progress::started)));
    }

    @Test
    void eachActionSaysWhatItDidAndHowLongItTookInTenthsOfASecond() {
        assertEquals("""
                role/example@child: created (0.4s)
                role/example@child: adopted (0.4s)
                role/example@child: updated (0.4s)
                role/example@child: replaced (0.4s)
                role/example@child: deleted (0.4s)
                role/example@child: forgotten (0.4s)
                workload_cluster/child: active (0.4s)
                workload_cluster/child: joined (0.4s)
                invite for user/alice@child: invite created (0.4s)
                """, printed(progress -> EVERY_ACTION.forEach(step -> progress.finished(step, Duration.ofMillis(449)))));
    }

    @Test
    void aWaitShowsTheStateTeleportReportsAndTheTimeSoFar() {
        assertEquals("workload_cluster/child: waiting for active (provisioning, 1m30s)\n",
                printed(progress -> progress.waiting(Steps.WAIT, Duration.ofSeconds(90), "provisioning")));
    }

    @Test
    void retriesFailuresSkipsAndDeferralsAreOneLineEach() {
        assertEquals("""
                role/example@child: attempt 2 failed (connection reset); retrying in 1500ms
                role/example@child: FAILED: access denied
                role/example@child: skipped (workload_cluster/child failed)
                invite for user/alice@child: pending: there is nowhere to deliver the link
                """, printed(progress -> {
            progress.retrying(Steps.CREATE, 2, Duration.ofMillis(1500), "connection reset");
            progress.failed(Steps.CREATE, "access denied");
            progress.skipped(Steps.CREATE, "workload_cluster/child failed");
            progress.deferred(Steps.INVITE, "pending: there is nowhere to deliver the link");
        }));
    }

    @Test
    void anIssuedInviteLinkIsNeverPrinted() {
        assertEquals("", printed(progress -> progress.invited(Steps.LINK)));
    }
}
