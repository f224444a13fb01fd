package dev.teleform.engine.diag;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * A place in a source file. Lines and columns count from 1; a line of 0 means the whole file (or
 * directory), for problems such as "not UTF-8" that have no better place to point at.
 */
public record SourcePosition(Path file, int line, int column) implements Comparable<SourcePosition> {

    private static final Comparator<SourcePosition> ORDER = Comparator
            .comparing((SourcePosition p) -> p.file().toString())
            .thenComparingInt(SourcePosition::line)
            .thenComparingInt(SourcePosition::column);

    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("negative position " + line + ":" + column);
        }
    }

    /** The whole of {@code file}, when no line can be named. */
    public static SourcePosition wholeFile(Path file) {
        return new SourcePosition(file, 0, 0);
    }

    public boolean hasLine() {
        return line > 0;
    }

    /** {@code file:line:col}, or just {@code file} without a line, with the file shown relative to {@code base}. */
    public String display(Path base) {
        String shown = displayPath(file, base);
        return hasLine() ? shown + ":" + line + ":" + column : shown;
    }

    /** Renders {@code file} relative to {@code base} when it lies below it, with forward slashes. */
    public static String displayPath(Path file, Path base) {
        Path absoluteFile = file.toAbsolutePath().normalize();
        Path absoluteBase = base.toAbsolutePath().normalize();
        Path shown = absoluteFile.startsWith(absoluteBase) ? absoluteBase.relativize(absoluteFile) : absoluteFile;
        String text = shown.toString().replace('\\', '/');
        return text.isEmpty() ? "." : text;
    }

    @Override
    public int compareTo(SourcePosition other) {
        return ORDER.compare(this, other);
    }
}
