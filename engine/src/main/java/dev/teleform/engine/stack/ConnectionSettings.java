package dev.teleform.engine.stack;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The settings of the stack document that say how Teleform reaches state and Teleport from where it runs, not what
 * the stack means: where state lives ({@code spec.state}), how it joins or signs in to the parent
 * ({@code spec.parent.join}, {@code spec.parent.identity_file}), which {@code tctl} and {@code tbot} it runs
 * ({@code spec.bootstrap}), and the workload clusters' identity files ({@code spec.clusters[].identity_file}). A
 * plan job and an apply job may well set them differently (another bot's join token, another path), and a state
 * remote's URL may carry a token: the stack digest leaves them out. Which Teleport the plan is for
 * ({@code spec.parent.proxy}, the simulator's directory) is not among them: it is the stack's target.
 */
final class ConnectionSettings {

    /** Paths below the stack document's {@code spec}; {@code *} stands for any index. */
    private static final List<List<String>> PATHS = List.of(List.of("state"), List.of("parent", "join"),
            List.of("parent", "identity_file"), List.of("bootstrap"), List.of("clusters", "*", "identity_file"));

    private ConnectionSettings() {
    }

    /**
     * Whether {@code path} (keys and indexes from the document's root) is in a connection setting of a stack
     * document.
     */
    static boolean covers(List<Object> path) {
        if (path.size() < 2 || !"spec".equals(path.getFirst())) {
            return false;
        }
        for (List<String> setting : PATHS) {
            if (path.size() - 1 >= setting.size() && matches(setting, path.subList(1, 1 + setting.size()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> setting, List<Object> steps) {
        for (int i = 0; i < setting.size(); i++) {
            String wanted = setting.get(i);
            Object step = steps.get(i);
            if (wanted.equals("*") ? !(step instanceof Integer) : !wanted.equals(step)) {
                return false;
            }
        }
        return true;
    }

    /** A stack document's root without its connection settings (a copy when there were any). */
    static ObjectNode without(ObjectNode root) {
        if (!root.path("spec").isObject()) {
            return root;
        }
        ObjectNode copy = root.deepCopy();
        for (List<String> setting : PATHS) {
            remove(copy.get("spec"), setting);
        }
        return copy;
    }

    /** Removes what {@code setting} names below {@code node}, through every element where it says {@code *}. */
    private static void remove(JsonNode node, List<String> setting) {
        String step = setting.getFirst();
        List<String> rest = setting.subList(1, setting.size());
        if (step.equals("*")) {
            if (node instanceof ArrayNode elements) {
                elements.forEach(element -> remove(element, rest));
            }
        } else if (node instanceof ObjectNode object) {
            if (rest.isEmpty()) {
                object.remove(step);
            } else if (object.has(step)) {
                remove(object.get(step), rest);
            }
        }
    }
}
