package dev.teleform.provider.simulator;

import dev.teleform.engine.provider.HeldCredentials;
import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import dev.teleform.provider.simulator.cloud.Caller;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Credentials for one workload cluster, or for the parent its bot joined: an identity file, and for a bot join the
 * private directory it was written to (removed on {@link #close()}, as tbot's output directory is by the real
 * provider).
 */
final class SimulatorCredentials extends HeldCredentials<Path> {

    /** The identity once verified: later calls check only that it is open and unexpired. */
    private volatile Caller verified;

    SimulatorCredentials(String cluster, String who, Instant expires, Path identityFile, Optional<Path> ownedDirectory) {
        super(cluster, who, expires, identityFile, ownedDirectory);
    }

    /** The identity file; an access-denied error once closed. */
    Either<ProviderError, Path> identityFile() {
        return access();
    }

    Optional<Caller> verified() {
        return Optional.ofNullable(verified);
    }

    void verified(Caller caller) {
        this.verified = caller;
    }
}
