package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link ReadmeIT} reads the README and compares an output with it, without running anything. */
class ReadmeOutputTest {

    @Test
    void volatilePartsAreComparedAsPlaceholders() {
        assertTrue(ReadmeOutput.matches(
                List.of("role/x changed (revision 01a9d76a-f41b-4652-b681-ce0bd0755837)",
                        "workload_cluster/child: active (6.0s)", "lock 3f2a9c1 taken at 2026-11-30T21:41:05Z",
                        "Apply complete: 4 created. State saved (2 commits).", "https://x/web/invite/abcDEF123"),
                List.of("role/x changed (revision 7c1e0a8e-0000-4bb2-9c3d-1a2b3c4d5e6f)",
                        "workload_cluster/child: active (5.1s)", "lock 9e8d7c6 taken at 2027-01-02T03:04:05Z",
                        "Apply complete: 4 created. State saved (1 commit).", "https://x/web/invite/zzz999")));
        assertFalse(ReadmeOutput.matches(List.of("Apply complete: 4 created."), List.of("Apply complete: 3 created.")),
                "counts of what was done are not volatile");
        assertFalse(ReadmeOutput.matches(List.of("+ spec.token.allow = [{\"aws_account\":\"123456789012\"}]"),
                List.of("+ spec.token.allow = [{\"aws_account\":\"123456789013\"}]")), "a number is not an id");
    }

    @Test
    void anElisionLineStandsForAnyLinesNoneIncluded() {
        List<String> readme = List.of("Plan: 1 to create", "...", "Apply complete");
        assertTrue(ReadmeOutput.matches(readme, List.of("Plan: 1 to create", "a", "b", "Apply complete")));
        assertTrue(ReadmeOutput.matches(readme, List.of("Plan: 1 to create", "Apply complete")));
        assertFalse(ReadmeOutput.matches(readme, List.of("Plan: 1 to create", "a")));
        assertFalse(ReadmeOutput.matches(List.of("creating..."), List.of("creating...done")),
                "\"...\" inside a line is text");
        assertTrue(ReadmeOutput.matches(List.of("x", "", ""), List.of("x")), "trailing blank lines do not count");
    }

    @Test
    void aDifferenceIsAUnifiedDiffNumberedByReadmeLineShowingWhatAnElisionTookNearIt() {
        List<String> readme = List.of("one", "two", "...", "four", "five");
        List<String> actual = List.of("one", "two", "x", "y", "four", "FIVE");
        String diff = ReadmeOutput.diff(readme, 100, actual);
        assertEquals("""
                --- README.md
                +++ output
                @@ README.md:101, output line 2 @@
                 two
                 ...
                .x
                .y
                 four
                -five
                +FIVE
                """, diff);
        assertEquals(List.of("one", "two", "...", "four", "FIVE"), ReadmeOutput.corrected(readme, actual));
        String far = ReadmeOutput.diff(List.of("a", "b", "c", "d", "e", "f"), 10,
                List.of("a", "b", "c", "d", "e", "F"));
        assertEquals("--- README.md\n+++ output\n@@ README.md:12, output line 3 @@\n c\n d\n e\n-f\n+F\n", far,
                "three lines of context");
    }

    @Test
    void blocksAreThoseThatShowATeleformCommandWithTheirOutputAndSkipReason() {
        String markdown = """
                Intro.

                ```text
                $ ./teleform validate x
                valid
                $ echo hi \\
                    there
                hi there
                ```

                ```sh
                ./teleform plan      # no $: not run
                ```

                <!-- readme-test: skip needs GitHub -->
                ```console
                $ teleform plan
                ```
                """;
        List<ReadmeBlocks.Block> blocks = ReadmeBlocks.parse(markdown);
        assertEquals(2, blocks.size());
        ReadmeBlocks.Block first = blocks.get(0);
        assertEquals(3, first.line());
        assertTrue(first.skip().isEmpty());
        assertEquals(new ReadmeBlocks.Command(4, "./teleform validate x", 5, List.of("valid"), ""),
                first.commands().get(0));
        assertEquals("echo hi \\\n    there", first.commands().get(1).text());
        assertEquals(8, first.commands().get(1).outputLine());
        assertEquals("needs GitHub", blocks.get(1).skip().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> ReadmeBlocks.parse("<!-- readme-test: skp x -->\n"),
                "a mistyped marker is an error, not a comment");
    }
}
