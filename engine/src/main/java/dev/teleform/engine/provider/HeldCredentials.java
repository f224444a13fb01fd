package dev.teleform.engine.provider;

import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Credentials a provider holds for one cluster (a workload cluster, or the parent a bot joined): what its calls
 * use to reach it ({@code access}: an identity file, an endpoint), until when, and the private directory it made
 * for them, which closing deletes. After {@link #close()} there is no access, so a call with closed credentials
 * fails instead of using removed material. Providers extend it with what they cache per identity.
 *
 * @param <A> what a call needs to reach the cluster
 */
public abstract class HeldCredentials<A> implements ClusterCredentials {

    private final String cluster;
    private final String who;
    private final Instant expires;
    private final A access;
    private final Optional<Path> ownedDirectory;
    private volatile boolean closed;

    protected HeldCredentials(String cluster, String who, Instant expires, A access, Optional<Path> ownedDirectory) {
        this.cluster = cluster;
        this.who = who;
        this.expires = expires;
        this.access = access;
        this.ownedDirectory = ownedDirectory;
    }

    @Override
    public final String cluster() {
        return cluster;
    }

    @Override
    public final String describe() {
        return who;
    }

    @Override
    public final Instant expires() {
        return expires;
    }

    /** What calls use to reach the cluster; once closed, the refusal every call then meets. */
    protected final Either<ProviderError, A> access() {
        return closed ? Either.left(new ProviderError.AccessDenied("credentials for " + (cluster.isEmpty()
                ? "the parent cluster" : "\"" + cluster + "\"") + " were closed")) : Either.right(access);
    }

    @Override
    public final void close() {
        closed = true;
        ownedDirectory.ifPresent(PrivateFiles::deleteTree);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[cluster=" + cluster + ", " + who + ", expires=" + expires + "]";
    }
}
