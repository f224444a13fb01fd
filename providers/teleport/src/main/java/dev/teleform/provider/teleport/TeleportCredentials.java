package dev.teleform.provider.teleport;

import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.PrivateFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Credentials for one workload cluster: the endpoint tctl reaches it at, and for a bot join the
 * private directory tbot wrote the identity to, removed on {@link #close()}.
 */
final class TeleportCredentials implements ClusterCredentials {

    private final String cluster;
    private final String who;
    private final Instant expires;
    private final Endpoint endpoint;
    private final Optional<Path> ownedDirectory;
    private volatile boolean closed;
    /** The bot's own role as last read through these credentials, so permissions need no call of their own. */
    private volatile ObjectNode botRole;

    TeleportCredentials(String cluster, String who, Instant expires, Endpoint endpoint, Optional<Path> ownedDirectory) {
        this.cluster = cluster;
        this.who = who;
        this.expires = expires;
        this.endpoint = endpoint;
        this.ownedDirectory = ownedDirectory;
    }

    @Override
    public String cluster() {
        return cluster;
    }

    @Override
    public String describe() {
        return who;
    }

    @Override
    public Instant expires() {
        return expires;
    }

    /** Where to call; empty once closed. */
    Optional<Endpoint> endpoint() {
        return closed ? Optional.empty() : Optional.of(endpoint);
    }

    Optional<ObjectNode> botRole() {
        return Optional.ofNullable(botRole);
    }

    void botRole(ObjectNode role) {
        this.botRole = role;
    }

    @Override
    public void close() {
        closed = true;
        ownedDirectory.ifPresent(PrivateFiles::deleteTree);
    }

    @Override
    public String toString() {
        return "TeleportCredentials[cluster=" + cluster + ", " + who + ", expires=" + expires + "]";
    }
}
