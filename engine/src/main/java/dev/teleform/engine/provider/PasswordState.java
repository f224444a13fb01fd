package dev.teleform.engine.provider;

import tools.jackson.databind.JsonNode;

/**
 * Whether a user has set a password, from the {@code status.password_state} Teleport reports. tctl
 * prints the enum by name ({@code PASSWORD_STATE_SET}) or by number (2) depending on its serializer,
 * so both are read. A user whose password is set must never get a reset: in Teleport a reset token
 * deletes the password, every MFA device and the user's earlier tokens.
 */
public final class PasswordState {

    private PasswordState() {
    }

    public static boolean isSet(JsonNode user) {
        JsonNode state = user.path("status").path("password_state");
        return state.isNumber() ? state.asInt() == 2 : "PASSWORD_STATE_SET".equals(state.asString(""));
    }
}
