package dev.teleform.engine.operation;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Failure;
import dev.teleform.engine.operation.access.AccessSettings;
import dev.teleform.engine.operation.access.ClusterAccess;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.Providers;
import dev.teleform.engine.stack.ProviderConfigs;
import dev.teleform.engine.operation.hook.ProgramDelivery;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackSettings;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.state.GitLocks;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.LockHolder;
import dev.teleform.engine.state.LockOutcome;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.diag.UrlCredentials;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.function.Function;

/**
 * What every operation on a stack works with: the validated stack, the store of its state and its lock
 * (in the local repository, or in the remote one that {@code spec.state.remote} names), and the settings
 * its provider is opened with.
 */
public record Workspace(Stack stack, StateStore state, ProviderConfig providerConfig, GitLocks locks) {

    /** Another run holds the stack's lock (the command line exits 3). */
    public record LockHeld(LockHolder holder) implements Failure {
        @Override
        public String message() {
            return "the stack is locked: " + holder.describe() + "\nIf that run is gone, remove the lock with: "
                    + "teleform unlock " + holder.id();
        }
    }

    /** The stack's lock as a command holds it around work of its own; closing gives it back. */
    public interface Held extends AutoCloseable {
        /** Holding nothing, for a command run without the lock. */
        Held NOTHING = () -> { };

        @Override
        void close();
    }

    /**
     * The workspace of the stack {@code input} names: its warnings come with it; an invalid stack fails with
     * every problem at its place in the files.
     */
    public static Outcome<Workspace> open(StackInput input, InstantSource clock) {
        return switch (input.read()) {
            case StackResult.Valid valid -> new Outcome.Done<>(valid.stack(), valid.diagnostics())
                    .flatMap(stack -> open(stack, clock));
            case StackResult.Invalid invalid -> Outcome.failed(invalid.diagnostics());
        };
    }

    /** The workspace of a valid stack. */
    public static Outcome<Workspace> open(Stack stack, InstantSource clock) {
        var state = stack.settings().state();
        Path repo = stack.dir().resolve(state.repo());
        if (state.remote().isEmpty()) {
            return Outcome.done(new Workspace(stack,
                    new GitStateStore(repo, state.branch(), state.file(), stack.settings().name(), clock),
                    ProviderConfigs.of(stack, clock), new GitLocks(repo, stack.settings().name(), clock)));
        }
        // The local repository is then only a cache: state and lock live in the remote.
        String remote = state.remote().get();
        try {
            return Outcome.done(new Workspace(stack,
                    GitStateStore.shared(repo, state.branch(), state.file(), stack.settings().name(), clock, remote),
                    ProviderConfigs.of(stack, clock), GitLocks.shared(repo, stack.settings().name(), clock, remote)));
        } catch (URISyntaxException e) {
            return Outcome.failed("spec.state.remote: \"" + UrlCredentials.mask(remote) + "\" is not a git URL ("
                    + e.getReason() + ")");
        }
    }

    /**
     * The program invite links go to, checked now, before anything is created: {@code commandLine} if it names one
     * ({@code --invites-exec}: relative to {@code currentDir}, where it runs), else the stack's
     * {@code spec.invites.deliver} (relative to the stack directory, where it runs); empty when neither names one.
     * Either way the stack's timeout applies, or its default.
     *
     * @param path the {@code PATH} a bare program name is looked up on
     */
    public Optional<Either<String, ProgramDelivery>> inviteProgram(List<String> commandLine, Path currentDir,
            Optional<String> path) {
        Optional<StackSettings.DeliverInvites> stacked = stack.settings().deliverInvites();
        Duration timeout = stacked.map(StackSettings.DeliverInvites::timeout)
                .orElse(StackSettings.DeliverInvites.DEFAULT_TIMEOUT);
        if (!commandLine.isEmpty()) {
            Path here = currentDir.toAbsolutePath();
            return Optional.of(ProgramDelivery.of(commandLine, here, path, here, timeout)
                    .mapLeft(why -> "--invites-exec: " + why));
        }
        Path dir = stack.dir().toAbsolutePath();
        return stacked.map(deliver -> ProgramDelivery.of(deliver.exec(), dir, path, dir, timeout)
                .mapLeft(why -> "spec.invites.deliver.exec: " + why));
    }

    /** The stack's name ({@code metadata.name}), which plans are titled with. */
    public String stackName() {
        return stack.settings().name();
    }

    /**
     * Runs {@code work} with access to the stack's clusters through {@code provider} (each call
     * retried); the credentials it obtained are removed before this returns, and an identity that could not
     * be removed is a warning.
     */
    public <T> Outcome<T> withClusters(Provider provider, Function<ClusterAccess, Outcome<T>> work) {
        ClusterAccess access = ClusterAccess.retrying(provider, AccessSettings.of(providerConfig));
        Outcome<T> done;
        try {
            done = work.apply(access);
        } finally {
            access.close();
        }
        return done.warnAll(access.closeFailures());
    }

    /**
     * Runs {@code work} with the stack's provider, closed afterwards; what the provider warned of on the way
     * (Teleport's cluster alerts) comes with the outcome, once.
     */
    public <T> Outcome<T> withProvider(Function<Provider, Outcome<T>> work) {
        return provider().flatMap(opened -> {
            try (Provider provider = opened) {
                return work.apply(provider).warnAll(provider.warnings());
            }
        });
    }

    /** Opens the stack's provider; the caller closes it. */
    public Outcome<Provider> provider() {
        return Providers.factory(stack.settings().provider()).fold(Outcome::failed,
                factory -> Outcome.done(factory.open(providerConfig)));
    }

    /** Takes the stack's lock for {@code operation} until the returned hold is closed. */
    public Outcome<Held> hold(String operation) {
        return lock(operation).map(lock -> lock::close);
    }

    /** Takes the stack's lock for {@code operation}; a stale lock of a process that is gone is taken over, with a warning. */
    public Outcome<StateLock> lock(String operation) {
        return switch (locks.acquire(operation)) {
            case LockOutcome.Acquired acquired -> Outcome.done(acquired.lock());
            case LockOutcome.TakenOver taken -> Outcome.done(taken.lock()).warn(Diagnostic.warning(
                    "took over the lock of a process that no longer runs: " + taken.previous().describe()));
            case LockOutcome.Held held -> {
                LockHeld locked = new LockHeld(held.holder());
                yield Outcome.failed(locked.message(), locked);
            }
            case LockOutcome.Failed failed -> Outcome.failed(failed.message());
        };
    }

    /** Removes the stack's lock when its id is {@code lockId} (never another's); says whose lock it was. */
    public Outcome<String> unlock(String lockId) {
        var holder = locks.holder();
        if (holder.isEmpty()) {
            return Outcome.failed("stack " + stack.settings().name() + " is not locked");
        }
        try {
            return locks.forceUnlock(lockId) ? Outcome.done(holder.get().describe())
                    : Outcome.failed("the lock is " + holder.get().describe() + "; it was not removed because its id is "
                            + "not " + lockId);
        } catch (IOException e) {
            return Outcome.failed("cannot remove the lock: " + e.getMessage());
        }
    }
}
