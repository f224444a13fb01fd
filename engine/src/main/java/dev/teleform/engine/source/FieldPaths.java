package dev.teleform.engine.source;

import java.util.regex.Pattern;

/**
 * Turns JSON Pointers into the dotted field names users read in messages:
 * {@code /spec/regions/0/name} becomes {@code spec.regions[0].name}; a key that is not a plain
 * identifier is quoted, as in {@code spec.allow.node_labels["team.io/env"]}.
 */
public final class FieldPaths {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]*");

    private FieldPaths() {
    }

    /** Numeric segments print as indexes: stack documents have no mappings keyed by numbers that matter here. */
    public static String display(String pointer) {
        if (pointer.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (INDEX.matcher(token).matches()) {
                out.append('[').append(token).append(']');
            } else if (PLAIN_KEY.matcher(token).matches()) {
                out.append(out.isEmpty() ? "" : ".").append(token);
            } else {
                out.append("[\"").append(token.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
            }
        }
        return out.toString();
    }
}
