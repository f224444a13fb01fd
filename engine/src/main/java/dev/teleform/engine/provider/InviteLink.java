package dev.teleform.engine.provider;

import java.net.URI;
import java.time.Instant;

/**
 * A link a new user opens to set a password. The URL is a secret: it reaches only the person
 * applying (a 0600 file or their terminal), never state, plans, logs or git, and {@code toString}
 * leaves it out.
 */
public record InviteLink(String cluster, String user, URI url, Instant expires) {

    @Override
    public String toString() {
        return "InviteLink[cluster=" + cluster + ", user=" + user + ", url=<secret>, expires=" + expires + "]";
    }
}
