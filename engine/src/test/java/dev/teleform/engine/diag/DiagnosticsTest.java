package dev.teleform.engine.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

    private static final Path BASE = Path.of("/work/repo");

    @Test
    void sortsByFileLineAndColumnAndFormatsRelativeToTheBase() {
        Path roles = BASE.resolve("stack/roles.yaml");
        Path cluster = BASE.resolve("stack/cluster.yaml");
        Diagnostics diagnostics = Diagnostics.of(List.of(
                Diagnostic.warning(new SourcePosition(roles, 9, 3), "spec.roles[0]", "unknown role"),
                Diagnostic.error(new SourcePosition(roles, 2, 5), "", "bad"),
                Diagnostic.error(new SourcePosition(cluster, 12, 5), "spec.regions[0].name",
                        "must be a non-empty string")));
        assertEquals("""
                stack/cluster.yaml:12:5: error: spec.regions[0].name: must be a non-empty string
                stack/roles.yaml:2:5: error: bad
                stack/roles.yaml:9:3: warning: spec.roles[0]: unknown role""", diagnostics.format(BASE));
        assertEquals(2, diagnostics.errorCount());
        assertEquals(1, diagnostics.warningCount());
        assertTrue(diagnostics.hasErrors());
    }

    @Test
    void aWholeFileProblemHasNoLineAndPathsOutsideTheBaseStayAbsolute() {
        Diagnostic problem = Diagnostic.error(SourcePosition.wholeFile(Path.of("/elsewhere/x.yaml")), "", "binary");
        assertEquals("/elsewhere/x.yaml: error: binary", problem.format(BASE));
        assertFalse(Diagnostics.NONE.hasErrors());
    }

    @Test
    void problemsAboutNoPlaceComeFirstInTheOrderTheyWereMetAndKeepTheirCause() {
        Failure refused = () -> "access denied: the bot may not delete roles";
        Diagnostics diagnostics = Diagnostics.of(List.of(
                Diagnostic.error(new SourcePosition(BASE.resolve("roles.yaml"), 1, 1), "", "bad"),
                Diagnostic.warning("took over a stale lock"),
                Diagnostic.failed("cannot delete role/a", refused),
                Diagnostic.error("an error met later")));
        assertEquals("""
                warning: took over a stale lock
                error: cannot delete role/a
                error: an error met later
                roles.yaml:1:1: error: bad""", diagnostics.format(BASE));
        assertEquals(refused, diagnostics.all().get(1).failure().orElseThrow());
        assertEquals(3, diagnostics.errorCount());
    }
}
