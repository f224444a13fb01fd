package dev.teleform.cli.view;

import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.operation.Outcome;
import dev.teleform.engine.operation.ValidateOperation;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Prints the outcome of reading a stack: every problem, then one summary line. */
public final class StackReport {

    private StackReport() {
    }

    /** Prints problems to {@code err}, then the summary line; returns true when the stack is valid. */
    public static boolean print(Outcome<ValidateOperation.Valid> result, PrintWriter out, PrintWriter err) {
        Diagnostics diagnostics = result.diagnostics();
        return switch (result) {
            case Outcome.Done<ValidateOperation.Valid> valid -> {
                printProblems(diagnostics, err);
                out.println("stack " + valid.value().name() + ": " + valid.value().summary() + " \u2014 valid"
                        + warnings(diagnostics));
                yield true;
            }
            case Outcome.Failed<ValidateOperation.Valid> invalid -> {
                printInvalid(invalid.diagnostics(), err);
                yield false;
            }
        };
    }

    /** Prints the problems that make a stack invalid, then how many there are. */
    public static void printInvalid(Diagnostics problems, PrintWriter err) {
        printProblems(problems, err);
        err.println(count(problems.errorCount(), "error")
                + (problems.warningCount() > 0 ? ", " + count(problems.warningCount(), "warning") : "")
                + "; nothing was changed");
    }

    private static void printProblems(Diagnostics diagnostics, PrintWriter err) {
        if (!diagnostics.all().isEmpty()) {
            err.println(diagnostics.format(Path.of("").toAbsolutePath()));
        }
    }

    private static String warnings(Diagnostics diagnostics) {
        long n = diagnostics.warningCount();
        return n == 0 ? "" : " (" + count(n, "warning") + ")";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
