package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.StackSeeder;
import java.io.IOException;
import java.nio.file.Path;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** teleform graph of the quickstart: a first apply and a destroy, in both graph languages. */
class GraphCommandTest {

    @TempDir
    Path dir;

    private String graph(String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "graph";
        args[1] = dir.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        return run.out();
    }

    @Test
    void aFirstApplyCreatesWaitsJoinsThenWritesInOrder() throws IOException {
        CliRun.copyQuickstart(dir, true);
        Approvals.verify(graph(), new Options().forFile().withAdditionalInformation("create.dot"));
        Approvals.verify(graph("--format", "mermaid"), new Options().forFile().withAdditionalInformation("create.mmd"));
    }

    @Test
    void aDestroyDeletesTheClusterWithItsContents() throws IOException {
        CliRun.copyQuickstart(dir, true);
        StackSeeder.apply(dir);
        Approvals.verify(graph("--destroy"), new Options().forFile().withAdditionalInformation("destroy.dot"));
    }

    @Test
    void aRefusedPlanHasNoGraph() throws IOException {
        CliRun.copyQuickstart(dir, true);
        StackSeeder.apply(dir);
        java.nio.file.Files.delete(dir.resolve("users.yaml"));
        CliRun run = CliRun.of("graph", dir.toString());
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("may not delete users") && run.err().contains("there is no graph to draw"),
                run.err());
    }
}
