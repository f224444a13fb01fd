package dev.teleform.engine.source;

import dev.teleform.engine.diag.SourcePosition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value and each mapping key of one YAML document stands in its file, by JSON Pointer
 * ({@code /spec/regions/0/name}). Lookups fall back to the nearest ancestor, so a problem with a
 * missing field points at the object that should hold it.
 */
public final class SourceMap {

    private final Path file;
    private final Map<String, SourcePosition> values;
    private final Map<String, SourcePosition> keys;

    private SourceMap(Path file, Map<String, SourcePosition> values, Map<String, SourcePosition> keys) {
        this.file = file;
        this.values = values;
        this.keys = keys;
    }

    public Path file() {
        return file;
    }

    /** Position of the value at {@code pointer}, or of its nearest recorded ancestor. */
    public SourcePosition valueAt(String pointer) {
        for (String p = pointer; ; p = parent(p)) {
            SourcePosition found = values.get(p);
            if (found != null) {
                return found;
            }
            if (p.isEmpty()) {
                return SourcePosition.wholeFile(file);
            }
        }
    }

    /** Position of the key that names the member at {@code pointer}, else of its value. */
    public SourcePosition keyAt(String pointer) {
        SourcePosition key = keys.get(pointer);
        return key != null ? key : valueAt(pointer);
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

    /** Collects positions while a document is read; used once. */
    static final class Builder {
        private final Path file;
        private final Map<String, SourcePosition> values = new HashMap<>();
        private final Map<String, SourcePosition> keys = new HashMap<>();

        Builder(Path file) {
            this.file = file;
        }

        void value(String pointer, SourcePosition position) {
            values.put(pointer, position);
        }

        void key(String pointer, SourcePosition position) {
            keys.put(pointer, position);
        }

        /** Copies the positions recorded under {@code from} to the same relative places under {@code to}. */
        void copySubtree(String from, String to) {
            copy(values, from, to);
            copy(keys, from, to);
        }

        private static void copy(Map<String, SourcePosition> map, String from, String to) {
            Map<String, SourcePosition> copies = new HashMap<>();
            map.forEach((pointer, position) -> {
                if (pointer.equals(from) || pointer.startsWith(from + "/")) {
                    copies.put(to + pointer.substring(from.length()), position);
                }
            });
            copies.forEach(map::putIfAbsent);
        }

        /** Starts a fresh map for the next document of the same file. */
        SourceMap build() {
            SourceMap map = new SourceMap(file, Map.copyOf(values), Map.copyOf(keys));
            values.clear();
            keys.clear();
            return map;
        }
    }
}
