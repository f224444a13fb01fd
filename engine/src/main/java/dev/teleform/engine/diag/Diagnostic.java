package dev.teleform.engine.diag;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem: in a stack's files (with where it is and which field), or met while running an
 * operation (without a place in a file, possibly with the {@link Failure} that caused it).
 *
 * @param severity error or warning
 * @param source   where it is in a stack's files, if it is about one
 * @param field    the field it concerns in dotted form ({@code spec.regions[0].name}), or empty
 * @param message  what is wrong, written for the person who has to fix it
 * @param failure  what failed outside Teleform, when that is the cause: for telling kinds of failure apart.
 *                 Its own message is as the failing part worded it and may echo a sensitive value, so
 *                 people are shown {@code message}, which Teleform redacts
 */
public record Diagnostic(Severity severity, Optional<SourcePosition> source, String field, String message,
        Optional<Failure> failure) implements Comparable<Diagnostic> {

    /** Problems in files by place; problems without one first, in the order they were met. */
    private static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.source().orElse(null), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing((a, b) -> a.source().isEmpty() ? 0 : a.severity().compareTo(b.severity()))
            .thenComparing((a, b) -> a.source().isEmpty() ? 0 : a.field().compareTo(b.field()))
            .thenComparing((a, b) -> a.source().isEmpty() ? 0 : a.message().compareTo(b.message()));

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(failure, "failure");
    }

    /** A problem at a place in a stack's files. */
    public Diagnostic(Severity severity, SourcePosition position, String field, String message) {
        this(severity, Optional.of(position), field, message, Optional.empty());
    }

    public static Diagnostic error(SourcePosition position, String field, String message) {
        return new Diagnostic(Severity.ERROR, position, field, message);
    }

    public static Diagnostic warning(SourcePosition position, String field, String message) {
        return new Diagnostic(Severity.WARNING, position, field, message);
    }

    /** An error an operation met that is about no place in a file. */
    public static Diagnostic error(String message) {
        return new Diagnostic(Severity.ERROR, Optional.empty(), "", message, Optional.empty());
    }

    /** A warning an operation met that is about no place in a file. */
    public static Diagnostic warning(String message) {
        return new Diagnostic(Severity.WARNING, Optional.empty(), "", message, Optional.empty());
    }

    /** An error caused by {@code failure}; {@code message} says what could not be done, and includes why. */
    public static Diagnostic failed(String message, Failure failure) {
        return new Diagnostic(Severity.ERROR, Optional.empty(), "", message, Optional.of(failure));
    }

    /** The place in a file; only for a diagnostic that has one. */
    public SourcePosition position() {
        return source.orElseThrow(() -> new IllegalStateException("a diagnostic without a place: " + message));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * {@code path/to/file.yaml:12:5: error: spec.regions[0].name: must be a non-empty string}, or
     * {@code error: MESSAGE} for a problem about no place.
     */
    public String format(Path base) {
        String what = field.isEmpty() ? message : field + ": " + message;
        return source.map(at -> at.display(base) + ": ").orElse("") + severity.label() + ": " + what;
    }

    @Override
    public int compareTo(Diagnostic other) {
        return ORDER.compare(this, other);
    }
}
