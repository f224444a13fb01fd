package dev.teleform.engine.stack;

import java.util.List;
import tools.jackson.databind.JsonNode;
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
        JsonNode spec = root.path("spec");
        if (!spec.isObject()) {
            return root;
        }
        ObjectNode copy = root.deepCopy();
        ObjectNode copiedSpec = (ObjectNode) copy.get("spec");
        copiedSpec.remove("state");
        copiedSpec.remove("bootstrap");
        if (copiedSpec.get("parent") instanceof ObjectNode parent) {
            parent.remove("join");
            parent.remove("identity_file");
        }
        if (copiedSpec.get("clusters") instanceof tools.jackson.databind.node.ArrayNode clusters) {
            clusters.forEach(cluster -> {
                if (cluster instanceof ObjectNode object) {
                    object.remove("identity_file");
                }
            });
        }
        return copy;
    }
}
