package dev.teleform.engine.schema;

import dev.teleform.engine.addr.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * How the diff compares a field, read from the schemas rather than hard-coded: lists marked
 * {@code x-teleform-set} compare as sets (Teleport ignores their order), values marked
 * {@code x-teleform-duration} compare as durations ({@code 8h} equals the server's {@code 8h0m0s}).
 */
public final class FieldSemantics {

    /** How two values of a field are compared. */
    public enum Comparison { EXACT, SET, DURATION }

    private static final FieldSemantics INSTANCE = new FieldSemantics(SchemaCatalog.shared());

    private final SchemaCatalog catalog;
    private final Map<String, Comparison> cache = new ConcurrentHashMap<>();

    private FieldSemantics(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    public static FieldSemantics shared() {
        return INSTANCE;
    }

    /** The comparison for the field at {@code path} (object keys; array indexes as any string) of a {@code kind} document. */
    public Comparison of(ResourceKind kind, List<String> path) {
        return cache.computeIfAbsent(kind.kind() + ":" + String.join("/", path), key -> resolve(kind, path));
    }

    private Comparison resolve(ResourceKind kind, List<String> path) {
        String file = SchemaCatalog.schemaFile(kind);
        Located at = follow(new Located(file, catalog.source(file)));
        for (String step : path) {
            at = follow(child(at, step));
            if (at.node().isMissingNode()) {
                return Comparison.EXACT;
            }
        }
        if (at.node().path("x-teleform-set").asBoolean(false)) {
            return Comparison.SET;
        }
        return at.node().path("x-teleform-duration").asBoolean(false) ? Comparison.DURATION : Comparison.EXACT;
    }

    /** A schema node and the file it came from, so relative {@code $ref}s resolve. */
    private record Located(String file, JsonNode node) {}

    private static Located child(Located at, String step) {
        JsonNode node = at.node();
        if (node.has("properties") && node.path("properties").has(step)) {
            return new Located(at.file(), node.path("properties").path(step));
        }
        if (node.path("additionalProperties").isObject()) {
            return new Located(at.file(), node.path("additionalProperties"));
        }
        if (node.has("items")) {
            return new Located(at.file(), node.path("items"));
        }
        return new Located(at.file(), MissingNode.getInstance());
    }

    /** Follows {@code $ref} ({@code #/$defs/x} or {@code common.schema.json#/$defs/x}) until a schema without one. */
    private Located follow(Located at) {
        Located current = at;
        for (int hops = 0; hops < 10 && current.node().has("$ref"); hops++) {
            String ref = current.node().path("$ref").asString();
            int hash = ref.indexOf('#');
            String file = hash > 0 ? ref.substring(0, hash) : current.file();
            String pointer = hash >= 0 ? ref.substring(hash + 1) : "";
            current = new Located(file, catalog.source(file).at(pointer));
        }
        return current;
    }
}
