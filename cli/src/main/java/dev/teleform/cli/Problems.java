package dev.teleform.cli;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.operation.Outcome;
import dev.teleform.engine.operation.StateOperation;
import dev.teleform.engine.operation.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The one place the command line shows problems, on stderr: a problem in a stack file as
 * {@code file:line:col: error: field: message}, any other as {@code teleform: message} (or
 * {@code teleform: warning: message}); and the exit status they mean.
 */
final class Problems {

    /**
     * Ends a command whose problems have been shown, with the exit status they mean: the command tree
     * turns it into that status, so a command reads as its happy path.
     */
    static final class Stop extends RuntimeException {
        private final int status;

        Stop(int status) {
            super(null, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final PrintWriter err;

    Problems(PrintWriter err) {
        this.err = err;
    }

    void print(Diagnostics diagnostics) {
        Path base = Path.of("").toAbsolutePath();
        for (Diagnostic diagnostic : diagnostics.all()) {
            err.println(diagnostic.source().isPresent() ? diagnostic.format(base)
                    : "teleform: " + (diagnostic.isError() ? "" : "warning: ") + diagnostic.message());
        }
    }

    /** Shows what {@code outcome} met, and returns its value; a failed outcome stops the command. */
    <T> T valueOf(Outcome<T> outcome) {
        print(outcome.diagnostics());
        return switch (outcome) {
            case Outcome.Done<T> done -> done.value();
            case Outcome.Failed<T> failed -> throw new Stop(exitStatus(failed.diagnostics()));
        };
    }

    /**
     * Like {@link #valueOf}, but the value is shown (by {@code shown}) before the outcome's warnings, so a
     * warning follows what it is about.
     */
    <T> T valueThen(Outcome<T> outcome, Consumer<T> shown) {
        return switch (outcome) {
            case Outcome.Done<T> done -> {
                shown.accept(done.value());
                print(done.diagnostics());
                yield done.value();
            }
            case Outcome.Failed<T> failed -> valueOf(failed);
        };
    }

    /** A warning, shown now. */
    void warn(String message) {
        print(Diagnostics.of(Diagnostic.warning(message)));
    }

    /** Shows {@code message} as an error and stops the command with status 1. */
    Stop fail(String message) {
        print(Diagnostics.of(Diagnostic.error(message)));
        return new Stop(TeleformCli.ERROR);
    }

    /** 3 when another run holds the stack's lock, 5 when the unpushed state can never be pushed, else 1. */
    static int exitStatus(Diagnostics problems) {
        if (problems.all().stream().anyMatch(d -> d.failure().orElse(null) instanceof Workspace.LockHeld)) {
            return TeleformCli.LOCKED;
        }
        return problems.all().stream().anyMatch(d -> d.failure().orElse(null) instanceof StateOperation.NeverPushable)
                ? TeleformCli.UNPUSHABLE : TeleformCli.ERROR;
    }
}
