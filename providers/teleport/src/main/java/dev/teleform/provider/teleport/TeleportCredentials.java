package dev.teleform.provider.teleport;

import dev.teleform.engine.provider.HeldCredentials;
import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Credentials for one workload cluster, or for the parent its bot joined: the endpoint tctl reaches it at, and for
 * a bot join the private directory tbot wrote the identity to, removed on {@link #close()}.
 */
final class TeleportCredentials extends HeldCredentials<Endpoint> {

    /** The bot's own role as last read through these credentials, so permissions need no call of their own. */
    private volatile ObjectNode botRole;

    TeleportCredentials(String cluster, String who, Instant expires, Endpoint endpoint, Optional<Path> ownedDirectory) {
        super(cluster, who, expires, endpoint, ownedDirectory);
    }

    /** Where to call; an access-denied error once closed. */
    Either<ProviderError, Endpoint> endpoint() {
        return access();
    }

    Optional<ObjectNode> botRole() {
        return Optional.ofNullable(botRole);
    }

    void botRole(ObjectNode role) {
        this.botRole = role;
    }
}
