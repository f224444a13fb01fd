package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly drift job, run as processes: a change made outside Teleform makes
 * {@code plan --refresh-only --detailed-exitcode} exit 2 and name the field; apply restores it and the
 * next run exits 0. Or {@code apply --refresh-only} accepts it into state instead.
 */
class DriftIT {

    @TempDir
    Path dir;

    private CliRun teleform(String... args) throws Exception {
        return PackagedCli.run(dir, args);
    }

    @Test
    void driftIsReportedThenRestoredOrAccepted() throws Exception {
        CliRun.copyQuickstart(dir, true);
        assertEquals(0, teleform("apply", "--auto-approve").exit());
        assertEquals(0, teleform("plan", "--refresh-only", "--detailed-exitcode").exit(), "no drift after apply");

        assertEquals(0, teleform("sim", "edit", "role/example@child", "--set", "spec.allow.logins=[root]").exit());
        CliRun nightly = teleform("plan", "--refresh-only", "--detailed-exitcode");
        assertEquals(2, nightly.exit(), nightly.err());
        assertTrue(nightly.out().contains("spec.allow.logins: applied [\"ubuntu\"], live [\"root\"]"), nightly.out());
        CliRun markdown = teleform("plan", "--refresh-only", "--detailed-exitcode", "--format", "markdown");
        assertEquals(2, markdown.exit());
        assertTrue(markdown.out().contains("spec.allow.logins"), markdown.out());

        CliRun restore = teleform("apply", "--auto-approve");
        assertEquals(0, restore.exit(), restore.err());
        assertTrue(restore.out().contains("role/example@child: updated"), restore.out());
        assertEquals(0, teleform("plan", "--refresh-only", "--detailed-exitcode").exit(), "restored");

        assertEquals(0, teleform("sim", "edit", "role/example@child", "--set", "spec.allow.logins=[admin]").exit());
        CliRun accept = teleform("apply", "--refresh-only", "--auto-approve");
        assertEquals(0, accept.exit(), accept.err());
        assertTrue(accept.out().contains("state now holds the live values of 1 resource changed outside Teleform"),
                accept.err());
        assertEquals(0, teleform("plan", "--refresh-only", "--detailed-exitcode").exit(), "accepted: no drift");
        CliRun plan = teleform("plan", "--detailed-exitcode");
        assertEquals(2, plan.exit(), "the stack still says ubuntu");
        assertTrue(plan.out().contains("~ spec.allow.logins: [\"admin\"] -> [\"ubuntu\"]"), plan.out());
    }
}
