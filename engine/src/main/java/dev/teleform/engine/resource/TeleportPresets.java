package dev.teleform.engine.resource;

import dev.teleform.engine.addr.ResourceKind;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What every Teleport cluster has without being declared (lib/services/presets.go, api/types/constants.go):
 * preset roles, which a user may name without the stack defining them, and the resources Teleport makes
 * for a bot. Teleform may adopt them but never deletes them.
 */
public final class TeleportPresets {

    /** Preset roles of current Teleport versions (../shared/TELEPORT.md §2). */
    public static final Set<String> ROLES = Set.of(
            "editor", "access", "auditor", "reviewer", "requester", "group-access", "device-admin",
            "device-enroll", "require-trusted-device", "terraform-provider", "wildcard-workload-identity-issuer");

    /** What every label Teleport keeps for itself starts with (api/types/constants.go). */
    public static final String INTERNAL_LABEL_PREFIX = "teleport.internal/";
    /** The label Teleport puts on its preset roles, with value {@code preset}. */
    static final String RESOURCE_TYPE_LABEL = "teleport.internal/resource-type";
    /** The label Teleport puts on a bot's user and role, with the bot's name as value. */
    static final String BOT_LABEL = "teleport.internal/bot";

    private TeleportPresets() {
    }

    /**
     * Whether this is a preset role (by name, or by its label when live has it): one a stack may adopt when it
     * declares it exactly, unlike the rest of what Teleport owns.
     */
    public static boolean preset(ResourceKind kind, String name, JsonNode live) {
        return kind == ResourceKind.ROLE && (ROLES.contains(name)
                || "preset".equals(live.path("metadata").path("labels").path(RESOURCE_TYPE_LABEL).asString("")));
    }

    /**
     * Why only Teleport may delete this resource, if it is one of Teleport's own: a preset role (by
     * name, or by its label when live has it), or a bot's user or role (by label).
     *
     * @param live the live document, or a missing node when it is not known
     */
    public static Optional<String> ownedByTeleport(ResourceKind kind, String name, JsonNode live) {
        JsonNode labels = live.path("metadata").path("labels");
        if (preset(kind, name, live)) {
            return Optional.of("a Teleport preset role");
        }
        String bot = labels.path(BOT_LABEL).asString("");
        if (!bot.isEmpty()) {
            return Optional.of("made by Teleport for bot " + bot);
        }
        return labels.propertyNames().stream().filter(key -> key.startsWith(INTERNAL_LABEL_PREFIX)).findFirst()
                .map(key -> "labelled by Teleport as its own (" + key + ")");
    }
}
