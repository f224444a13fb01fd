package dev.teleform.engine.source;

import dev.teleform.engine.diag.SourcePosition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value and each mapping key of one YAML document stands in its file, by JSON Pointer
 * ({@code /spec/regions/0/name}). Lookups fall back to the nearest ancestor, so a problem with a
 * missing field points at the object that should hold it.
 *
 * <p>A large stack holds hundreds of thousands of these, so each pointer has one compact entry with
 * both the key's and the value's line and column, and {@link SourcePosition}s are made on lookup.
 */
public final class SourceMap {

    /** Line and column of a member's key (0 for array elements and the root) and of its value. */
    private record Place(int keyLine, int keyColumn, int line, int column) {}

    private final Path file;
    /** Null until {@link #places()} fetches them from {@link #deferred}. */
    private volatile Map<String, Place> places;
    private final DeferredPositions deferred;
    private final int index;
    /** Set on the positions of a document stamped from a {@code for_each} template: its item. */
    private final SourcePosition.Stamp stamp;

    private SourceMap(Path file, Map<String, Place> places, DeferredPositions deferred, int index,
            SourcePosition.Stamp stamp) {
        this.file = file;
        this.places = places;
        this.deferred = deferred;
        this.index = index;
        this.stamp = stamp;
    }

    /**
     * The template's positions for a document that {@code stamp} made from it: the same places, each
     * naming the item as well. A stamp has the template's shape, so the template's pointers fit it.
     */
    public SourceMap stampedBy(SourcePosition.Stamp stamp) {
        return new SourceMap(file, places, deferred, index, stamp);
    }

    /** The positions of the {@code index}th document of {@code file}, read from it the first time one is asked for. */
    static SourceMap deferred(Path file, DeferredPositions deferred, int index) {
        return new SourceMap(file, null, deferred, index, null);
    }

    private Map<String, Place> places() {
        Map<String, Place> known = places;
        if (known == null) {
            known = deferred.document(index).places();
            places = known;
        }
        return known;
    }

    public Path file() {
        return file;
    }

    /** Position of the value at {@code pointer}, or of its nearest recorded ancestor. */
    public SourcePosition valueAt(String pointer) {
        for (String p = pointer; ; p = parent(p)) {
            Place found = places().get(p);
            if (found != null && found.line() > 0) {
                return new SourcePosition(file, found.line(), found.column(), stamp);
            }
            if (p.isEmpty()) {
                return new SourcePosition(file, 0, 0, stamp);
            }
        }
    }

    /** Position of the key that names the member at {@code pointer}, else of its value. */
    public SourcePosition keyAt(String pointer) {
        Place found = places().get(pointer);
        return found != null && found.keyLine() > 0 ? new SourcePosition(file, found.keyLine(), found.keyColumn(), stamp)
                : valueAt(pointer);
    }

    public static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** Appends one reference token to a JSON Pointer, escaping {@code ~} and {@code /} (RFC 6901). */
    public static String child(String pointer, String token) {
        return pointer + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** Collects positions while a document is read; {@link #build()} hands them over and starts afresh. */
    static final class Builder {
        private final Path file;
        private final Map<String, String> pool;
        private Map<String, Place> places = new HashMap<>();

        /** {@code pool} shares equal strings: the documents of a file repeat the same pointers. */
        Builder(Path file, Map<String, String> pool) {
            this.file = file;
            this.pool = pool;
        }

        void value(String pointer, SourcePosition position) {
            places.merge(pool.computeIfAbsent(pointer, p -> p), new Place(0, 0, position.line(), position.column()),
                    (old, added) -> new Place(old.keyLine(), old.keyColumn(), added.line(), added.column()));
        }

        void key(String pointer, SourcePosition position) {
            places.merge(pool.computeIfAbsent(pointer, p -> p), new Place(position.line(), position.column(), 0, 0),
                    (old, added) -> new Place(added.keyLine(), added.keyColumn(), old.line(), old.column()));
        }

        /** Copies the positions recorded under {@code from} to the same relative places under {@code to}. */
        void copySubtree(String from, String to) {
            Map<String, Place> copies = new HashMap<>();
            places.forEach((pointer, place) -> {
                if (pointer.equals(from) || pointer.startsWith(from + "/")) {
                    copies.put(to + pointer.substring(from.length()), place);
                }
            });
            copies.forEach(places::putIfAbsent);
        }

        SourceMap build() {
            SourceMap map = new SourceMap(file, places, null, 0, null);
            places = new HashMap<>();
            return map;
        }
    }
}
