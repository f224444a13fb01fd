package dev.teleform.provider.simulator.cloud;

import dev.teleform.engine.provider.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Teleport's server adds to a role or user on write (api/types/role.go
 * {@code CheckAndSetDefaults}, api/types/user.go), so that a read returns more than was written,
 * exactly as it does against Teleport; and what Teleport Cloud forgets of a workload cluster.
 */
final class ServerDefaults {

    static final Duration MAX_CERT_DURATION = Duration.ofHours(30);
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Role option fields whose values are durations, returned in Go's format. */
    private static final List<String> DURATION_OPTIONS = List.of("max_session_ttl", "client_idle_timeout",
            "mfa_verification_interval");

    private ServerDefaults() {
    }

    /** A fresh {@code metadata.revision}, as the backend sets on every write. */
    static void newRevision(ObjectNode document) {
        metadata(document).put("revision", UUID.randomUUID().toString());
    }

    /**
     * Teleport Cloud keeps a workload cluster's name (the revision is set on every write): labels,
     * description and expiry are accepted by tctl but never come back (TELEPORT.md §6).
     */
    static void workloadCluster(ObjectNode cluster) {
        String name = metadata(cluster).path("name").asString("");
        cluster.set("metadata", NODES.objectNode().put("name", name));
    }

    static void role(ObjectNode role) {
        String version = role.path("version").asString("");
        ObjectNode spec = object(role, "spec");
        ObjectNode options = object(spec, "options");
        putIfAbsent(options, "cert_format", "standard");
        if (!options.has("max_session_ttl") || durationOf(options.get("max_session_ttl")).isZero()) {
            options.put("max_session_ttl", GoDuration.goString(MAX_CERT_DURATION));
        }
        for (String field : DURATION_OPTIONS) {
            if (options.has(field)) {
                options.put(field, GoDuration.goString(durationOf(options.get(field))));
            }
        }
        if (!options.has("forward_agent")) {
            options.put("forward_agent", false);
        }
        if (!options.has("pin_source_ip")) {
            options.put("pin_source_ip", false);
        }
        if (!options.has("enhanced_recording") || options.get("enhanced_recording").isEmpty()) {
            options.set("enhanced_recording", NODES.arrayNode().add("command").add("network"));
        }
        if (!options.has("record_session")) {
            options.set("record_session", NODES.objectNode().put("desktop", true).put("default", "best_effort"));
        }
        putIfAbsent(options, "desktop_clipboard", true);
        putIfAbsent(options, "desktop_directory_sharing", true);
        putIfAbsent(options, "create_desktop_user", false);
        putIfAbsent(options, "create_db_user", false);
        putIfAbsent(options, "ssh_file_copy", true);
        if (!options.has("idp") && !"v8".equals(version)) {
            options.set("idp", NODES.objectNode().set("saml", NODES.objectNode().put("enabled", true)));
        }
        ObjectNode allow = object(spec, "allow");
        object(spec, "deny");
        JsonNode request = allow.path("request");
        if (request instanceof ObjectNode requestObject && requestObject.has("max_duration")) {
            requestObject.put("max_duration", GoDuration.goString(durationOf(requestObject.get("max_duration"))));
        }
        boolean kubeLabels = allow.has("kubernetes_labels") || allow.has("kubernetes_labels_expression");
        if (kubeLabels && allow.path("kubernetes_resources").isEmpty()) {
            ObjectNode everything = NODES.objectNode().put("kind", "*").put("namespace", "*").put("name", "*");
            everything.set("verbs", NODES.arrayNode().add("*"));
            if ("v8".equals(version)) {
                everything.put("api_group", "*");
            }
            if ("v6".equals(version)) {
                everything.put("kind", "pod");
            }
            allow.set("kubernetes_resources", NODES.arrayNode().add(everything));
        }
    }

    /** A user on creation: who created it and when, the zero expiry, and its password state. */
    static void newUser(ObjectNode user, String createdBy, Instant now) {
        ObjectNode spec = object(user, "spec");
        ObjectNode created = NODES.objectNode();
        created.put("time", now.toString());
        created.set("user", NODES.objectNode().put("name", createdBy));
        spec.set("created_by", created);
        user(user);
        user.set("status", NODES.objectNode().put("password_state", "PASSWORD_STATE_UNSET")
                .put("mfa_weakest_device", "MFA_DEVICE_KIND_UNSET"));
    }

    /** Defaults a user gets on any write. */
    static void user(ObjectNode user) {
        ObjectNode spec = object(user, "spec");
        putIfAbsent(spec, "expires", ZERO_TIME);
        if (!spec.has("traits")) {
            spec.set("traits", NODES.objectNode());
        }
        if (!spec.has("status")) {
            ObjectNode status = NODES.objectNode().put("is_locked", false).put("locked_time", ZERO_TIME)
                    .put("lock_expires", ZERO_TIME).put("recovery_attempt_lock_expires", ZERO_TIME);
            spec.set("status", status);
        }
    }

    static Duration durationOf(JsonNode value) {
        if (value.isIntegralNumber()) {
            return Duration.ofNanos(value.asLong());
        }
        return GoDuration.parse(value.asString("")).orElse(Duration.ZERO);
    }

    static ObjectNode metadata(ObjectNode document) {
        return object(document, "metadata");
    }

    static ObjectNode object(ObjectNode parent, String field) {
        if (parent.get(field) instanceof ObjectNode existing) {
            return existing;
        }
        ObjectNode created = NODES.objectNode();
        parent.set(field, created);
        return created;
    }

    private static void putIfAbsent(ObjectNode object, String field, String value) {
        if (!object.has(field)) {
            object.put(field, value);
        }
    }

    private static void putIfAbsent(ObjectNode object, String field, boolean value) {
        if (!object.has(field)) {
            object.put(field, value);
        }
    }

    static ArrayNode strings(String... values) {
        ArrayNode array = NODES.arrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }
}
