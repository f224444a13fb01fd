package dev.teleform.provider.simulator;

import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.PrivateFiles;
import dev.teleform.provider.simulator.cloud.Caller;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Credentials for one workload cluster: an identity file, and for a bot join the private directory
 * it was written to (removed on {@link #close()}, as tbot's output directory is by the real provider).
 */
final class SimulatorCredentials implements ClusterCredentials {

    private final String cluster;
    private final String who;
    private final Instant expires;
    private final Path identityFile;
    private final Optional<Path> ownedDirectory;
    private volatile boolean closed;
    /** The identity once verified: later calls check only that it is open and unexpired. */
    private volatile Caller verified;

    SimulatorCredentials(String cluster, String who, Instant expires, Path identityFile, Optional<Path> ownedDirectory) {
        this.cluster = cluster;
        this.who = who;
        this.expires = expires;
        this.identityFile = identityFile;
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

    /** The identity file; empty once closed. */
    Optional<Path> identityFile() {
        return closed ? Optional.empty() : Optional.of(identityFile);
    }

    Optional<Caller> verified() {
        return Optional.ofNullable(verified);
    }

    void verified(Caller caller) {
        this.verified = caller;
    }

    @Override
    public void close() {
        closed = true;
        ownedDirectory.ifPresent(PrivateFiles::deleteTree);
    }

    @Override
    public String toString() {
        return "SimulatorCredentials[cluster=" + cluster + ", " + who + ", expires=" + expires + "]";
    }
}
