package dev.teleform.engine.diag;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a stack.
 *
 * @param severity error or warning
 * @param position where it is
 * @param field    the field it concerns in dotted form ({@code spec.regions[0].name}), or empty
 * @param message  what is wrong, written for the person who has to fix it
 */
public record Diagnostic(Severity severity, SourcePosition position, String field, String message)
        implements Comparable<Diagnostic> {

    private static final Comparator<Diagnostic> ORDER = Comparator
            .comparing(Diagnostic::position)
            .thenComparing(Diagnostic::severity)
            .thenComparing(Diagnostic::field)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(SourcePosition position, String field, String message) {
        return new Diagnostic(Severity.ERROR, position, field, message);
    }

    public static Diagnostic warning(SourcePosition position, String field, String message) {
        return new Diagnostic(Severity.WARNING, position, field, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code path/to/file.yaml:12:5: error: spec.regions[0].name: must be a non-empty string}. */
    public String format(Path base) {
        String where = position.display(base);
        String what = field.isEmpty() ? message : field + ": " + message;
        return where + ": " + severity.label() + ": " + what;
    }

    @Override
    public int compareTo(Diagnostic other) {
        return ORDER.compare(this, other);
    }
}
