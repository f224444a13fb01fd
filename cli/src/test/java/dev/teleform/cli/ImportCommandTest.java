package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.StackSeeder;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** teleform import: a resource that exists in Teleport, declared in the stack, not yet in state. */
class ImportCommandTest {

    @TempDir
    Path dir;

    @BeforeEach
    void liveButUnmanaged() throws IOException {
        CliRun.copyQuickstart(dir, true);
        StackSeeder.apply(dir);
        assertEquals(0, CliRun.of("state", "rm", "role/example@child", dir.toString()).exit());
        assertEquals(0, CliRun.of("sim", "-C", dir.toString(), "edit", "role/example@child", "--set",
                "spec.allow.logins=[root]").exit());
    }

    @Test
    void anImportedResourceShowsOnlyItsRealDifferencesInOneCommit() {
        CliRun refused = CliRun.of("plan", dir.toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("adopt it with 'teleform import role/example@child " + dir + "'"), refused.err());

        CliRun imported = CliRun.of("import", "role/example@child", dir.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertEquals("Imported role/example@child: state holds it as Teleport has it. 'teleform plan " + dir + "' shows "
                + "how it differs from the stack.\n", imported.err());
        String history = CliRun.of("state", "history", dir.toString()).out();
        assertTrue(history.lines().findFirst().orElseThrow().endsWith("import role/example@child"), history);

        CliRun plan = CliRun.of("plan", "--detailed-exitcode", dir.toString());
        assertEquals(2, plan.exit(), plan.err());
        assertTrue(plan.out().contains("  ~ role/example@child\n      ~ spec.allow.logins: [\"root\"] -> [\"ubuntu\"]\n"),
                plan.out());
        assertTrue(!plan.out().contains("drift") && plan.out().contains("Plan: 0 to create, 1 to update"), plan.out());
        assertEquals(0, CliRun.of("plan", "--refresh-only", "--detailed-exitcode", dir.toString()).exit(), "no drift");
    }

    @Test
    void onlyWhatIsDeclaredLiveAndUnmanagedCanBeImported() throws IOException {
        CliRun undeclared = CliRun.of("import", "role/auditor", dir.toString());
        assertEquals(1, undeclared.exit());
        assertTrue(undeclared.err().contains("role/auditor is not declared in the stack"), undeclared.err());

        CliRun managed = CliRun.of("import", "user/example@child", dir.toString());
        assertEquals(1, managed.exit());
        assertTrue(managed.err().contains("user/example@child is already managed"), managed.err());

        java.nio.file.Files.writeString(dir.resolve("new.yaml"), "kind: role\nversion: v7\nmetadata: {name: new-team}\n"
                + "cluster: child\nspec: {allow: {logins: [ops]}}\n");
        CliRun gone = CliRun.of("import", "role/new-team@child", dir.toString());
        assertEquals(1, gone.exit());
        assertTrue(gone.err().contains("cannot import role/new-team@child") && gone.err().contains("not found")
                && gone.err().contains("to create it, apply"), gone.err());
        assertEquals(2, CliRun.of("state", "history", dir.toString()).out().lines().count(), "nothing was written");
    }
}
