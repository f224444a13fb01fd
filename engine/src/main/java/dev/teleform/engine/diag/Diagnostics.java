package dev.teleform.engine.diag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** An immutable, sorted list of problems, with the counts a summary line needs. */
public record Diagnostics(List<Diagnostic> all) {

    public static final Diagnostics NONE = new Diagnostics(List.of());

    public Diagnostics {
        List<Diagnostic> sorted = new ArrayList<>(all);
        sorted.sort(null);
        all = List.copyOf(sorted);
    }

    public static Diagnostics of(Collection<Diagnostic> diagnostics) {
        return new Diagnostics(List.copyOf(diagnostics));
    }

    public Diagnostics plus(Diagnostics other) {
        List<Diagnostic> merged = new ArrayList<>(all);
        merged.addAll(other.all);
        return new Diagnostics(merged);
    }

    /** Just these (sorted as every {@code Diagnostics} is: problems about no place first, as met). */
    public static Diagnostics of(Diagnostic... diagnostics) {
        return new Diagnostics(List.of(diagnostics));
    }

    /** A copy with {@code diagnostic} added. */
    public Diagnostics plus(Diagnostic diagnostic) {
        List<Diagnostic> merged = new ArrayList<>(all);
        merged.add(diagnostic);
        return new Diagnostics(merged);
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
        return all.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return all.size() - errorCount();
    }

    /** One line per problem, in file and line order, paths relative to {@code base}. */
    public String format(Path base) {
        return all.stream().map(d -> d.format(base)).collect(Collectors.joining("\n"));
    }
}
