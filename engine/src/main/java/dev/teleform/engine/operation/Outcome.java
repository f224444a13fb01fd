package dev.teleform.engine.operation;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.Failure;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What an operation ended as: its value with the warnings met on the way, or the problems that stopped
 * it (at least one error). Problems are values, so the command line shows them in one place.
 */
public sealed interface Outcome<T> {

    Diagnostics diagnostics();

    /** It did its work; {@code diagnostics} holds warnings only. */
    record Done<T>(T value, Diagnostics diagnostics) implements Outcome<T> {}

    /** It stopped; {@code diagnostics} says why. */
    record Failed<T>(Diagnostics diagnostics) implements Outcome<T> {}

    static <T> Outcome<T> done(T value) {
        return new Done<>(value, Diagnostics.NONE);
    }

    static <T> Outcome<T> failed(Diagnostics problems) {
        return new Failed<>(problems);
    }

    static <T> Outcome<T> failed(String message) {
        return new Failed<>(Diagnostics.of(Diagnostic.error(message)));
    }

    static <T> Outcome<T> failed(String message, Failure cause) {
        return new Failed<>(Diagnostics.of(Diagnostic.failed(message, cause)));
    }

    /** The value, for programs that cannot go on without it (benchmarks, tests); a failure throws with its problems. */
    default T orElseThrow() {
        return switch (this) {
            case Done<T> done -> done.value();
            case Failed<T> failed -> throw new IllegalStateException(failed.diagnostics().format(Path.of("").toAbsolutePath()));
        };
    }

    default boolean succeeded() {
        return this instanceof Done;
    }

    /** The next step with this value; the warnings of both are kept. */
    default <U> Outcome<U> flatMap(Function<? super T, Outcome<U>> next) {
        return switch (this) {
            case Done<T> done -> switch (next.apply(done.value())) {
                case Done<U> then -> new Done<>(then.value(), done.diagnostics().plus(then.diagnostics()));
                case Failed<U> failed -> new Failed<>(done.diagnostics().plus(failed.diagnostics()));
            };
            case Failed<T> failed -> new Failed<>(failed.diagnostics());
        };
    }

    default <U> Outcome<U> map(Function<? super T, ? extends U> next) {
        return flatMap(value -> new Done<>(next.apply(value), Diagnostics.NONE));
    }

    /** This outcome with a warning for each of {@code warnings} added. */
    default Outcome<T> warnAll(List<String> warnings) {
        Outcome<T> warned = this;
        for (String warning : warnings) {
            warned = warned.warn(Diagnostic.warning(warning));
        }
        return warned;
    }

    /** This outcome with {@code warning} added. */
    default Outcome<T> warn(Diagnostic warning) {
        return switch (this) {
            case Done<T> done -> new Done<>(done.value(), done.diagnostics().plus(warning));
            case Failed<T> failed -> new Failed<>(failed.diagnostics().plus(warning));
        };
    }
}
