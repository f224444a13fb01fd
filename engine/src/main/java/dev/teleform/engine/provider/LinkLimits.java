package dev.teleform.engine.provider;

import java.time.Duration;

/**
 * How long the sign-up links a provider can issue may last, so a plan can check {@code invite.ttl} before
 * anything is created. Teleport allows an invite token (a new user's, made with the user) at most 48h and a
 * reset token (the only link tctl makes for an existing user) at most 24h.
 *
 * @param invite the longest link for a new user ({@link Provider#createInvited})
 * @param reset  the longest link for an existing user ({@link Provider#invite})
 */
public record LinkLimits(Duration invite, Duration reset) {

    /** Teleport's own limits ({@code lib/defaults}: MaxSignupTokenTTL, MaxChangePasswordTokenTTL). */
    public static final LinkLimits TELEPORT = new LinkLimits(Duration.ofHours(48), Duration.ofHours(24));
}
