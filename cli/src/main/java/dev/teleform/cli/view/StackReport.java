package dev.teleform.cli.view;

import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.stack.StackResult;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Prints the outcome of reading a stack: every problem, then one summary line. */
public final class StackReport {

    private StackReport() {
    }

    /** Prints problems to {@code err}; returns true when the stack is valid. */
    public static boolean print(StackResult result, PrintWriter out, PrintWriter err) {
        Diagnostics diagnostics = result.diagnostics();
        Path base = Path.of("").toAbsolutePath();
        if (!diagnostics.all().isEmpty()) {
            err.println(diagnostics.format(base));
        }
        return switch (result) {
            case StackResult.Valid valid -> {
                out.println("stack " + valid.stack().settings().name() + ": " + valid.stack().summary()
                        + " \u2014 valid" + warnings(diagnostics));
                yield true;
            }
            case StackResult.Invalid invalid -> {
                err.println(count(invalid.diagnostics().errorCount(), "error")
                        + (invalid.diagnostics().warningCount() > 0
                                ? ", " + count(invalid.diagnostics().warningCount(), "warning") : "")
                        + "; nothing was changed");
                yield false;
            }
        };
    }

    private static String warnings(Diagnostics diagnostics) {
        long n = diagnostics.warningCount();
        return n == 0 ? "" : " (" + count(n, "warning") + ")";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
