package dev.teleform.provider.simulator.cloud;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a cluster contains before anyone writes to it: Teleport's preset roles (lib/services/
 * presets.go), the parent's administrator, and in a new workload cluster the bot, role and IAM join
 * token that Teleport Cloud creates, all named {@code spec.bot.name}, with the user and role {@code bot-X}
 * that Teleport itself makes for a bot X.
 */
final class Presets {

    static final List<String> ROLE_NAMES = List.of("editor", "access", "auditor", "reviewer", "requester",
            "group-access", "device-admin", "device-enroll", "require-trusted-device", "terraform-provider",
            "wildcard-workload-identity-issuer");
    private static final List<String> ALL_VERBS = List.of("list", "create", "read", "update", "delete");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What marks a bot's own user and role (api/types/constants.go BotLabel). */
    static final String BOT_LABEL = "teleport.internal/bot";

    private Presets() {
    }

    /** The preset roles, with the server's defaults applied as any stored role has them. */
    static List<ObjectNode> roles() {
        return ROLE_NAMES.stream().map(Presets::role).toList();
    }

    private static ObjectNode role(String name) {
        ObjectNode allow = NODES.objectNode();
        switch (name) {
            case "editor" -> allow.set("rules", NODES.arrayNode().add(rule(List.of("user", "role", "token",
                    "workload_cluster", "bot", "cluster_auth_preference", "session_recording_config"), ALL_VERBS)));
            case "access" -> {
                allow.set("logins", ServerDefaults.strings("{{internal.logins}}"));
                allow.set("node_labels", NODES.objectNode().put("*", "*"));
                allow.set("rules", NODES.arrayNode().add(rule(List.of("event"), List.of("list", "read"))));
            }
            case "auditor" -> allow.set("rules", NODES.arrayNode()
                    .add(rule(List.of("session", "event"), List.of("list", "read"))));
            case "reviewer" -> allow.set("review_requests", NODES.objectNode()
                    .set("roles", ServerDefaults.strings("*")));
            case "requester" -> allow.set("request", NODES.objectNode().set("roles", ServerDefaults.strings("*")));
            case "terraform-provider" -> allow.set("rules", NODES.arrayNode()
                    .add(rule(List.of("user", "role", "token", "workload_cluster"), ALL_VERBS)));
            default -> {
                // the remaining presets grant nothing Teleform relies on
            }
        }
        ObjectNode role = document("role", "v7", name);
        role.putObject("metadata").put("name", name).put("description", "Preset role " + name)
                .putObject("labels").put("teleport.internal/resource-type", "preset");
        role.putObject("spec").set("allow", allow);
        ServerDefaults.role(role);
        ServerDefaults.newRevision(role);
        return role;
    }

    /**
     * The role Teleport Cloud gives a workload cluster's bot: create, read and update users and roles, which is all
     * Cloud promises, and {@code list} unless the simulator is told to refuse it ({@code simulator.deny_bot_list}).
     */
    static ObjectNode botRole(String botName, boolean mayList) {
        ObjectNode role = document("role", "v7", botName);
        List<String> verbs = mayList ? List.of("list", "create", "read", "update") : List.of("create", "read", "update");
        role.putObject("spec").putObject("allow").set("rules", NODES.arrayNode()
                .add(rule(List.of("user", "role"), verbs)));
        ServerDefaults.role(role);
        ServerDefaults.newRevision(role);
        return role;
    }

    /**
     * The role Teleport makes for every bot, named {@code bot-X} and labelled as the bot's own: it lets the bot read
     * certificate authorities and take on the roles it was given (lib/auth/machineid, createBotRole).
     */
    static ObjectNode botsOwnRole(String botName) {
        ObjectNode role = document("role", "v7", botResourceName(botName));
        role.putObject("metadata").put("name", botResourceName(botName))
                .put("description", "Automatically generated role for bot " + botName)
                .putObject("labels").put(BOT_LABEL, botName);
        ObjectNode spec = role.putObject("spec");
        spec.putObject("options").put("max_session_ttl", "12h0m0s");
        ObjectNode allow = spec.putObject("allow");
        allow.set("rules", NODES.arrayNode().add(rule(List.of("cert_authority"), List.of("readnoverify"))));
        allow.putObject("impersonate").set("roles", ServerDefaults.strings(botName));
        ServerDefaults.role(role);
        ServerDefaults.newRevision(role);
        return role;
    }

    /** The user Teleport makes for every bot: {@code bot-X}, holding the bot's own role, labelled as the bot's. */
    static ObjectNode botsOwnUser(String botName, Instant now) {
        ObjectNode user = document("user", "v2", botResourceName(botName));
        user.putObject("metadata").put("name", botResourceName(botName)).putObject("labels").put(BOT_LABEL, botName);
        user.putObject("spec").set("roles", ServerDefaults.strings(botResourceName(botName)));
        ServerDefaults.newUser(user, "system", now);
        ServerDefaults.newRevision(user);
        return user;
    }

    /** Teleport's name for a bot's user and role (lib/auth BotResourceName). */
    static String botResourceName(String botName) {
        return "bot-" + botName.replace(' ', '-');
    }

    static ObjectNode bot(String botName) {
        ObjectNode bot = document("bot", "v1", botName);
        bot.putObject("spec").set("roles", ServerDefaults.strings(botName));
        return bot;
    }

    /** The IAM join token, holding the cluster's {@code spec.token.allow} rules. */
    static ObjectNode joinToken(String botName, ObjectNode tokenSpec) {
        ObjectNode token = document("token", "v2", botName);
        ObjectNode spec = token.putObject("spec");
        spec.set("roles", ServerDefaults.strings("Bot"));
        spec.put("bot_name", botName);
        spec.put("join_method", tokenSpec.path("join_method").asString("iam"));
        spec.set("allow", tokenSpec.path("allow").isArray() ? tokenSpec.get("allow").deepCopy() : NODES.arrayNode());
        return token;
    }

    private static ObjectNode document(String kind, String version, String name) {
        ObjectNode document = NODES.objectNode();
        document.put("kind", kind);
        document.put("version", version);
        document.putObject("metadata").put("name", name);
        return document;
    }

    private static ObjectNode rule(List<String> resources, List<String> verbs) {
        ObjectNode rule = NODES.objectNode();
        rule.set("resources", ServerDefaults.strings(resources.toArray(String[]::new)));
        rule.set("verbs", ServerDefaults.strings(verbs.toArray(String[]::new)));
        return rule;
    }

    static ArrayNode array(List<ObjectNode> items) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(array::add);
        return array;
    }
}
