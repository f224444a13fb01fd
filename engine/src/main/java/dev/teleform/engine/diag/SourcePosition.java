package dev.teleform.engine.diag;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * A place in a source file. Lines and columns count from 1; a line of 0 means the whole file (or
 * directory), for problems such as "not UTF-8" that have no better place to point at.
 *
 * @param stamp in a document stamped from a {@code for_each} template, the item that stamped it (the
 *              place is then the template's); null elsewhere
 */
public record SourcePosition(Path file, int line, int column, Stamp stamp) implements Comparable<SourcePosition> {

    /** A {@code for_each} item: its key and where it is written. */
    public record Stamp(String key, SourcePosition item) {
        public Stamp {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(item, "item");
        }
    }

    private static final Comparator<SourcePosition> ORDER = Comparator
            .comparing((SourcePosition p) -> p.file().toString())
            .thenComparingInt(SourcePosition::line)
            .thenComparingInt(SourcePosition::column)
            .thenComparing(p -> p.stamp() == null ? null : p.stamp().item(),
                    Comparator.nullsFirst(Comparator.naturalOrder()));

    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("negative position " + line + ":" + column);
        }
    }

    public SourcePosition(Path file, int line, int column) {
        this(file, line, column, null);
    }

    /** The same place, in the document that {@code stamp} made. */
    public SourcePosition stampedBy(Stamp stamp) {
        return new SourcePosition(file, line, column, stamp);
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
        return (hasLine() ? shown + ":" + line + ":" + column : shown) + stampDisplay(base);
    }

    /** {@code  (for_each "acme" at tenants.yaml:7:3)}, or nothing outside a stamped document. */
    public String stampDisplay(Path base) {
        return stamp == null ? "" : " (for_each \"" + stamp.key() + "\" at " + stamp.item().display(base) + ")";
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
