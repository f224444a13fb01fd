package dev.teleform.provider.simulator.cloud;

import dev.teleform.engine.provider.ProviderError;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The checks Teleport's server makes on a write, with its wording (../shared/TELEPORT.md §1, §2, §4). */
final class TeleportChecks {

    /** Teleport's system roles (api/types/constants.go): refused as role names. */
    private static final Set<String> SYSTEM_ROLES = Set.of("Auth", "Node", "Proxy", "Admin", "ProvisionToken",
            "TrustedCluster", "Signup", "Nop", "RemoteProxy", "Kube", "App", "Db", "WindowsDesktop", "Bot", "Okta",
            "Discovery", "MDM", "AccessGraph", "Instance");

    private TeleportChecks() {
    }

    static Optional<ProviderError> workloadCluster(JsonNode cluster) {
        if (cluster.path("metadata").path("name").asString("").isEmpty()) {
            return bad("name is required");
        }
        JsonNode regions = cluster.path("spec").path("regions");
        if (!regions.isArray() || regions.isEmpty()) {
            return bad("regions is required");
        }
        for (JsonNode region : regions) {
            if (region.path("name").asString("").isEmpty()) {
                return bad("region name is required");
            }
        }
        return Optional.empty();
    }

    static Optional<ProviderError> role(JsonNode role) {
        String name = role.path("metadata").path("name").asString("");
        if (name.isEmpty()) {
            return bad("missing parameter Name");
        }
        if (SYSTEM_ROLES.contains(name)) {
            return bad("reserved role: " + name);
        }
        String version = role.path("version").asString("");
        if (!Set.of("v3", "v4", "v5", "v6", "v7", "v8").contains(version)) {
            return bad("unrecognized role version: " + version);
        }
        for (JsonNode login : role.path("spec").path("allow").path("logins")) {
            if ("*".equals(login.asString(""))) {
                return bad("wildcard matcher is not allowed in logins");
            }
        }
        for (String side : new String[] {"allow", "deny"}) {
            JsonNode rules = role.path("spec").path(side).path("rules");
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).path("resources").isEmpty()) {
                    return bad("failed to process '" + side + "' rule " + i + ": missing resources to match");
                }
                if (rules.get(i).path("verbs").isEmpty()) {
                    return bad("failed to process '" + side + "' rule " + i + ": missing verbs");
                }
            }
        }
        return Optional.empty();
    }

    static Optional<ProviderError> user(JsonNode user) {
        if (user.path("metadata").path("name").asString("").isEmpty()) {
            return bad("missing parameter Name");
        }
        return Optional.empty();
    }

    private static Optional<ProviderError> bad(String message) {
        return Optional.of(new ProviderError.BadParameter(message));
    }
}
