package dev.teleform.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.operation.Outcome;
import dev.teleform.engine.operation.ValidateOperation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackReportTest {

    private static final Diagnostic TYPO = Diagnostic.error(new SourcePosition(Path.of("stack/roles.yaml"), 9, 5),
            "spec.allow.loginz", "unknown field (did you mean logins?)");
    private static final Diagnostic BAD_NAME = Diagnostic.error(new SourcePosition(Path.of("stack/cluster.yaml"), 4, 9),
            "metadata.name", "Child is not a DNS label");
    private static final Diagnostic UNKNOWN_ROLE = Diagnostic.warning(new SourcePosition(Path.of("stack/users.yaml"), 7, 3),
            "spec.roles[0]", "role auditor is defined neither by the stack nor by the cluster");

    @TempDir
    Path dir;

    private record Printed(boolean valid, String out, String err) {}

    private static Printed print(Outcome<ValidateOperation.Valid> result) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        boolean valid = StackReport.print(result, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Printed(valid, out.toString(), err.toString());
    }

    /** A stack read as the CLI reads one: two roles and a user, all in the parent cluster. */
    private static final ValidateOperation.Valid PROD = new ValidateOperation.Valid("prod", "0 workload clusters, 2 roles, 1 user");

    @Test
    void aValidStackIsOneLineOnStdout() throws IOException {
        Printed printed = print(Outcome.done(PROD));
        assertTrue(printed.valid());
        assertEquals("stack prod: 0 workload clusters, 2 roles, 1 user \u2014 valid\n", printed.out());
        assertEquals("", printed.err());
    }

    @Test
    void aValidStackWithWarningsCountsThemAndListsEachOnStderr() throws IOException {
        Printed printed = print(new Outcome.Done<>(PROD, new Diagnostics(List.of(UNKNOWN_ROLE))));
        assertTrue(printed.valid());
        assertEquals("stack prod: 0 workload clusters, 2 roles, 1 user \u2014 valid (1 warning)\n", printed.out());
        assertEquals("stack/users.yaml:7:3: warning: spec.roles[0]: role auditor is defined neither by the stack nor "
                + "by the cluster\n", printed.err());
    }

    @Test
    void anInvalidStackListsEveryProblemInFileOrderThenCountsThem() {
        Printed printed = print(Outcome.failed(new Diagnostics(List.of(TYPO, UNKNOWN_ROLE, BAD_NAME))));
        assertFalse(printed.valid());
        assertEquals("", printed.out());
        assertEquals("""
                stack/cluster.yaml:4:9: error: metadata.name: Child is not a DNS label
                stack/roles.yaml:9:5: error: spec.allow.loginz: unknown field (did you mean logins?)
                stack/users.yaml:7:3: warning: spec.roles[0]: role auditor is defined neither by the stack nor by the cluster
                2 errors, 1 warning; nothing was changed
                """, printed.err());
    }

    @Test
    void oneErrorIsNotPlural() {
        Printed printed = print(Outcome.failed(new Diagnostics(List.of(TYPO))));
        assertEquals("""
                stack/roles.yaml:9:5: error: spec.allow.loginz: unknown field (did you mean logins?)
                1 error; nothing was changed
                """, printed.err());
    }
}
