package dev.teleform.engine.provider;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Teleport's rule check: a verb on a resource kind is allowed by some allow rule of the caller's roles
 * and no deny rule. The simulator enforces it; the real provider uses it to tell what a bot may do
 * from the bot's role.
 */
public final class RoleRules {

    private RoleRules() {
    }

    /** The verbs {@code roles} (role documents) hold on {@code resource} (a kind such as {@code user}). */
    public static Set<Verb> verbs(List<JsonNode> roles, String resource) {
        Set<Verb> allowed = EnumSet.noneOf(Verb.class);
        for (JsonNode role : roles) {
            for (Verb verb : Verb.values()) {
                if (matches(role.path("spec").path("allow").path("rules"), resource, verb)) {
                    allowed.add(verb);
                }
            }
        }
        for (JsonNode role : roles) {
            allowed.removeIf(verb -> matches(role.path("spec").path("deny").path("rules"), resource, verb));
        }
        return allowed;
    }

    private static boolean matches(JsonNode rules, String resource, Verb verb) {
        for (JsonNode rule : rules) {
            if (contains(rule.path("resources"), resource) && contains(rule.path("verbs"), verb.teleportName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            String text = item.asString("");
            if (text.equals(value) || text.equals("*")) {
                return true;
            }
        }
        return false;
    }

    /** Teleport's wording when a rule check fails. */
    public static String denied(Verb verb, String resource) {
        return "access denied to perform action \"" + verb.teleportName() + "\" on \"" + resource + "\"";
    }
}
