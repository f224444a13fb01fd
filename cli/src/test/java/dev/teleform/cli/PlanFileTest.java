package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved plan shows exactly what plan printed, holds what apply needs to detect staleness, and no secret. */
class PlanFileTest {

    @TempDir
    Path dir;



    @BeforeEach
    void stack() throws IOException {
        CliRun.copyQuickstart(dir, false);
    }

    @Test
    void showPrintsTheSavedPlanInEveryFormat() {
        Path file = dir.resolve("plan.json");
        for (String format : List.of("text", "json", "markdown")) {
            CliRun plan = CliRun.of("plan", dir.toString(), "--format", format, "--out", file.toString());
            assertEquals(0, plan.exit(), plan.err());
            assertTrue(plan.err().contains("saved the plan to"), plan.err());
            CliRun show = CliRun.of("show", file.toString(), "--format", format);
            assertEquals(0, show.exit(), show.err());
            assertEquals(plan.out(), show.out(), format);
        }
    }

    @Test
    void theApplyCommandItSuggestsCanBeCopiedAsItIs() throws IOException {
        Path file = Files.createDirectories(dir.resolve("plans of today")).resolve("it's.json");
        CliRun plan = CliRun.of("plan", dir.toString(), "--out", file.toString());
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(plan.err().endsWith("; apply exactly this plan with: teleform apply '"
                + file.toString().replace("'", "'\\''") + "'\n"), plan.err());
    }

    @Test
    void thePlanFileRecordsWhatItWasMadeFromAndNoSecret() throws IOException {
        Path file = dir.resolve("plan.json");
        assertEquals(0, CliRun.of("plan", dir.toString(), "--out", file.toString()).exit());
        String content = Files.readString(file);
        assertTrue(content.contains("\"digest\": \"sha256:"), content);
        assertTrue(content.contains("\"format\": \"teleform-plan\""));
        assertTrue(content.contains("\"serial\": 0"));
        assertFalse(content.contains("/web/invite/"), "no invite link");
        assertFalse(content.contains("teleform-simulator-identity"), "no identity material");
    }

    @Test
    void aRefusedPlanIsNotSaved() throws IOException {
        Path file = dir.resolve("plan.json");
        // Teleport's preset role "editor" exists live and differs: Teleform will not take it over silently.
        Files.writeString(dir.resolve("editor.yaml"), "kind: role\nversion: v7\nmetadata: {name: editor}\n"
                + "spec: {allow: {logins: [root]}}\n");
        CliRun run = CliRun.of("plan", dir.toString(), "--out", file.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("no plan file written"), run.err());
        assertFalse(Files.exists(file));
    }

    @Test
    void showRefusesWhatIsNotAPlanFile() throws IOException {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"format\": \"teleform-plan\", \"version\": 7}");
        CliRun run = CliRun.of("show", file.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("plan file version 7 is not one this Teleform reads"), run.err());
        Files.writeString(file, "not json");
        assertTrue(CliRun.of("show", file.toString()).err().contains("not a plan file"));
    }
}
