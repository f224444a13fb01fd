package dev.teleform.engine.operation.hook;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.InviteLink;
import java.net.URI;
import java.time.Instant;

/**
 * An invite link as Teleform hands it over: for which managed user, the link, and until when it is
 * valid. The URL is a secret: it reaches only the person applying (a 0600 file or their terminal), never
 * state, plans, logs or git, and {@code toString} leaves it out.
 */
public record Invitation(Address user, URI url, Instant expires) {

    /** The link a provider issued for {@code link.user()} in {@code link.cluster()}. */
    public static Invitation of(InviteLink link) {
        return new Invitation(Address.in(ResourceKind.USER, link.user(), link.cluster()), link.url(), link.expires());
    }

    @Override
    public String toString() {
        return "Invitation[user=" + user + ", url=<secret>, expires=" + expires + "]";
    }
}
