package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heap too small for the stack ends the run with an error that says so and how to give Teleform more, rather
 * than a stack trace or minutes of garbage collection.
 */
class HeapGuardIT {

    @TempDir
    Path dir;

    @Test
    void aHeapTooSmallForTheStackIsAnErrorThatSaysWhatToDo() throws Exception {
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: large}
                spec: {provider: simulator}
                """);
        for (int file = 0; file < 40; file++) {
            StringBuilder roles = new StringBuilder();
            for (int role = 0; role < 500; role++) {
                roles.append("""
                        ---
                        kind: role
                        version: v7
                        metadata: {name: team-%d-%d, description: "Access for team %d"}
                        spec:
                          allow:
                            logins: [ubuntu, team%d]
                            node_labels: {team: "%d", env: [dev, staging]}
                            rules: [{resources: [session], verbs: [list, read]}]
                          deny: {logins: [root]}
                        """.formatted(file, role, role, role, role));
            }
            Files.writeString(dir.resolve("roles-" + file + ".yaml"), roles);
        }
        CliRun run = PackagedCli.run(dir, Map.of("JAVA_TOOL_OPTIONS", "-Xmx24m"), "validate", dir.toString());
        assertEquals(TeleformCli.ERROR, run.exit(), run.err());
        assertTrue(run.err().contains("is too small for this stack: it stayed full after 3 garbage collections")
                && run.err().contains("TELEFORM_JAVA_OPTS=-Xmx2g"), "the guard, before any OutOfMemoryError: " + run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    }
}
