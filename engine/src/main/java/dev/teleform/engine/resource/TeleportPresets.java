package dev.teleform.engine.resource;

import java.util.Set;

/**
 * Roles that every Teleport cluster has without being declared (lib/services/presets.go), so a user
 * may name them without the stack defining them.
 */
public final class TeleportPresets {

    /** Preset roles of current Teleport versions (../shared/TELEPORT.md §2). */
    public static final Set<String> ROLES = Set.of(
            "editor", "access", "auditor", "reviewer", "requester", "group-access", "device-admin",
            "device-enroll", "require-trusted-device", "terraform-provider", "wildcard-workload-identity-issuer");

    private TeleportPresets() {
    }
}
