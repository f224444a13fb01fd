package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT cache's training run does the work it is there to profile: a failing step would leave the launcher
 * without a cache, and commands would start slowly without a word.
 */
class AotTrainingTest {

    @TempDir
    Path dir;

    @Test
    void itAppliesAFleetThenPlansItWithoutAndWithChanges() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = AotTraining.train(dir, new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(TeleformCli.OK, status, err::toString);
        // 10 clusters, each with 10 roles, 10 users and the baseline role; and the parent's role.
        String all = out + "\n" + err;
        assertTrue(all.contains("Apply complete: 221 created, 100 invited."), all);
        assertTrue(all.contains("No changes. Teleport matches the stack (221 resources)."), all);
        // In clusters 0, 3, 6 and 9: half their roles changed, a role and a user added.
        assertTrue(all.contains("Plan: 8 to create, 20 to update, 0 to replace, 0 to delete."), all);
    }
}
