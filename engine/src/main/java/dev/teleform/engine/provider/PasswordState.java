package dev.teleform.engine.provider;

import tools.jackson.databind.JsonNode;

/**
 * Whether a user holds credentials that a reset would delete, from the {@code status} Teleport reports:
 * {@code password_state} ({@code PASSWORD_STATE_UNSET} = 1, {@code PASSWORD_STATE_SET} = 2) and
 * {@code mfa_weakest_device} ({@code MFA_DEVICE_KIND_UNSET} = 1, then TOTP and WebAuthn; lib/services/local/
 * users.go keeps it). tctl prints each enum by name or by number depending on its serializer, so both are read.
 * In Teleport a reset token deletes the password, every MFA device and the user's earlier tokens, and a user who
 * signed up with a passkey has no password but does have a device, so only a user Teleport reports as having
 * neither may be sent a link unasked. Anything else, an unknown or missing state included, counts as having
 * credentials: a link is then only made when a reset is what was asked for.
 */
public final class PasswordState {

    private static final int UNSET = 1;

    private PasswordState() {
    }

    /** Whether a reset could delete something of the user's: a password, an MFA device, or what Teleport does not say. */
    public static boolean mayHaveCredentials(JsonNode user) {
        JsonNode status = user.path("status");
        return !unset(status.path("password_state"), "PASSWORD_STATE_UNSET")
                || !unset(status.path("mfa_weakest_device"), "MFA_DEVICE_KIND_UNSET");
    }

    private static boolean unset(JsonNode state, String name) {
        return state.isNumber() ? state.asInt() == UNSET : name.equals(state.asString(""));
    }
}
