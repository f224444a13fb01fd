package dev.teleform.engine.operation;

import dev.teleform.engine.diag.CommandHint;
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
import dev.teleform.engine.state.HeartbeatSchedule;
import dev.teleform.engine.state.LockLease;
import dev.teleform.engine.state.LockHolder;
import dev.teleform.engine.state.LockOutcome;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.diag.UrlCredentials;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every operation on a stack works with: the validated stack, the store of its state and its lock
 * (in the local repository, or in the remote one that {@code spec.state.remote} names), and the settings
 * its provider is opened with.
 */
public record Workspace(Stack stack, StateStore state, ProviderConfig providerConfig, GitLocks locks) {

    /** Another run holds the stack's lock (the command line exits 3); {@code why} it is not taken over. */
    public record LockHeld(LockHolder holder, LockLease.Verdict why, CommandHint hint) implements Failure {
        @Override
        public String message() {
            return "the stack is locked: " + holder.describe() + "\nIt is not taken over: " + why.why()
                    + ".\nIf that run is gone, remove the lock with: " + (why instanceof LockLease.Verdict.Live
                            ? hint.teleform("unlock " + holder.id(), "--force") : hint.teleform("unlock " + holder.id()));
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
                    ProviderConfigs.of(stack, clock), new GitLocks(repo, stack.settings().name(), clock,
                            new LockLease(state.lockLease()), HeartbeatSchedule.VIRTUAL_THREAD)));
        }
        // The local repository is then only a cache: state and lock live in the remote.
        String remote = state.remote().get();
        try {
            return Outcome.done(new Workspace(stack,
                    GitStateStore.shared(repo, state.branch(), state.file(), stack.settings().name(), clock, remote),
                    ProviderConfigs.of(stack, clock), GitLocks.shared(repo, stack.settings().name(), clock, remote,
                            new LockLease(state.lockLease()), HeartbeatSchedule.VIRTUAL_THREAD)));
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

    /** How a message names a command to run next on this stack: with its directory, as it was given. */
    public CommandHint hint() {
        return new CommandHint(stack.dir());
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

    /**
     * Takes the stack's lock for {@code operation}; the lock of a run that is gone (its process no longer runs on
     * this host, or its heartbeat is older than the lease) is taken over, with a warning that names it.
     */
    public Outcome<StateLock> lock(String operation) {
        return switch (locks.acquire(operation)) {
            case LockOutcome.Acquired acquired -> Outcome.done(acquired.lock());
            case LockOutcome.TakenOver taken -> Outcome.done(taken.lock()).warn(Diagnostic.warning(
                    (taken.why().processGone() ? "took over the lock of a process that no longer runs: "
                            : "took over the lock of a run whose heartbeat stopped (" + taken.why().why() + "): ")
                            + taken.previous().describe()));
            case LockOutcome.Held held -> {
                LockHeld locked = new LockHeld(held.holder(), held.why(), hint());
                yield Outcome.failed(locked.message(), locked);
            }
            case LockOutcome.Failed failed -> Outcome.failed(failed.message());
        };
    }

    /** Who holds the stack's lock, read where it is kept, and whether the next run could take it over. */
    public Outcome<LockStatus> lockStatus() {
        try {
            Optional<LockHolder> holder = locks.current();
            if (holder.isEmpty()) {
                return Outcome.done(new LockStatus(stackName(), Optional.empty(), locks.lease().lease(),
                        LockStatus.State.UNLOCKED, ""));
            }
            LockHolder held = holder.get();
            LockLease.Verdict verdict = locks.judge(held);
            return Outcome.done(new LockStatus(stackName(), Optional.of(new LockStatus.Holder(held.id(),
                    held.operation(), held.who(), held.host(), held.pid(), held.started(), held.heartbeat())),
                    locks.lease().effective(held), switch (verdict) {
                        case LockLease.Verdict.Live live -> LockStatus.State.LIVE;
                        case LockLease.Verdict.Stale stale -> LockStatus.State.STALE;
                        case LockLease.Verdict.Unknown unknown -> LockStatus.State.UNKNOWN;
                    }, verdict.why()));
        } catch (IOException e) {
            return Outcome.failed("cannot read the lock of stack " + stackName() + ": " + e.getMessage());
        }
    }

    /**
     * Removes the stack's lock when its id is {@code lockId} (never another's); says whose lock it was. A lock
     * whose holder is alive (its process runs on this host, or its heartbeat is fresh) is removed only with
     * {@code force}: its run would go on, and stop at its next state write.
     */
    public Outcome<String> unlock(String lockId, boolean force) {
        Optional<LockHolder> holder;
        try {
            holder = locks.current();
        } catch (IOException e) {
            return Outcome.failed("cannot read the lock of stack " + stackName() + ": " + e.getMessage());
        }
        if (holder.isEmpty()) {
            return Outcome.failed("stack " + stackName() + " is not locked");
        }
        if (!holder.get().id().equals(lockId)) {
            return Outcome.failed("the lock is " + holder.get().describe() + "; it was not removed because its id is "
                    + "not " + lockId);
        }
        LockLease.Verdict verdict = locks.judge(holder.get());
        if (!force && verdict instanceof LockLease.Verdict.Live live) {
            return Outcome.failed("the lock was not removed: its run is alive (" + live.why() + "): "
                    + holder.get().describe() + ".\nRemoving it would let another run change the stack while this one "
                    + "still does; the run would stop at its next state write. Wait for it to finish; if you are sure "
                    + "it must stop holding the lock, run: " + hint().teleform("unlock " + lockId, "--force"));
        }
        try {
            if (!locks.forceUnlock(lockId)) {
                return Outcome.failed("the lock " + lockId + " was released or changed hands while it was being "
                        + "removed; nothing was removed: look again with " + hint().teleform("lock status"));
            }
            Outcome<String> removed = Outcome.done(holder.get().describe());
            return verdict instanceof LockLease.Verdict.Live live ? removed.warn(Diagnostic.warning("its run was alive ("
                    + live.why() + "): it stops with an error at its next state write, and what it did since its last "
                    + "one is not in state (the next apply adopts what it created)")) : removed;
        } catch (IOException e) {
            return Outcome.failed("cannot remove the lock: " + e.getMessage());
        }
    }
}
