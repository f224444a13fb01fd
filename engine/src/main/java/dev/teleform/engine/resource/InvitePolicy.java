package dev.teleform.engine.resource;

import java.time.Duration;

/**
 * Teleform's {@code invite:} key on a user: whether a new user gets an invite link, valid how long.
 *
 * @param enabled false for {@code invite: false}
 * @param ttl     validity of the link; Teleport allows at most 48h for {@code tctl users add}
 */
public record InvitePolicy(boolean enabled, Duration ttl) {

    public static final Duration DEFAULT_TTL = Duration.ofHours(2);
    public static final Duration MAX_TTL = Duration.ofHours(48);
    public static final InvitePolicy DEFAULT = new InvitePolicy(true, DEFAULT_TTL);
    public static final InvitePolicy NONE = new InvitePolicy(false, Duration.ZERO);
}
