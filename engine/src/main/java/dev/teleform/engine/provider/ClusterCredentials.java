package dev.teleform.engine.provider;

import java.time.Instant;

/**
 * A short-lived handle on an identity for one workload cluster, or for the parent cluster when a bot joined it
 * ({@link Provider#joinParent}). It carries no secret the engine
 * can read: the provider keeps the identity material (for the real provider, a private directory
 * written by tbot) and {@link #close()} destroys it. {@code toString} never shows secret material.
 */
public interface ClusterCredentials extends AutoCloseable {

    /** The workload cluster these credentials are for; empty for the parent. */
    String cluster();

    /**
     * Who the identity is, for messages: {@code bot example-iam}, {@code identity file admin.pem},
     * {@code Machine ID bot (github join)}.
     */
    String describe();

    /** When the credentials stop working. */
    Instant expires();

    /** Removes the identity material; later calls with these credentials fail. Idempotent. */
    @Override
    void close();
}
