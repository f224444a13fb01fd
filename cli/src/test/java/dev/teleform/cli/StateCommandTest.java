package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.StackSeeder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** teleform state list, show and history on a stack that was brought into state. */
class StateCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run teleform(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TeleformCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void appliedQuickstart() throws IOException {
        try (var files = Files.list(Path.of("../examples/quickstart"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.writeString(dir.resolve(file.getFileName()), Files.readString(file)
                        .replace("provisioning_delay: 5s", "provisioning_delay: 0s"));
            }
        }
        StackSeeder.apply(dir);
    }

    @Test
    void listsEveryAddressInOrder() {
        Run run = teleform("state", "list", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("role/workload-cluster-editor\nworkload_cluster/child\nrole/example@child\nuser/example@child\n",
                run.out());
    }

    @Test
    void showsWhatWasAppliedAndObserved() {
        Run run = teleform("state", "show", "role/example@child", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\"applied\": {"), run.out());
        assertTrue(run.out().contains("\"revision\": "), run.out());
        Run missing = teleform("state", "show", "role/nope", dir.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("state holds no role/nope"), missing.err());
    }

    @Test
    void historyListsTheCommitsNewestFirst() {
        Run run = teleform("state", "history", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.out().lines().count());
        assertTrue(run.out().contains("seed for a test"), run.out());
    }

    @Test
    void planWritesNothingToState() {
        String before = teleform("state", "history", dir.toString()).out();
        assertEquals(0, teleform("plan", dir.toString()).exit());
        assertEquals(before, teleform("state", "history", dir.toString()).out());
    }
}
