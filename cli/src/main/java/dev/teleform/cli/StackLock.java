package dev.teleform.cli;

import dev.teleform.engine.state.LockOutcome;
import dev.teleform.engine.state.StateLock;
import io.vavr.control.Either;
import java.io.PrintWriter;

/** Takes a stack's lock for a command, saying on stderr why not or whose stale lock was taken over. */
final class StackLock {

    /** Exit status when another run holds the lock. */
    static final int HELD = 3;

    private StackLock() {}

    /** The lock, or the exit status to end the command with. */
    static Either<Integer, StateLock> take(Workspace workspace, String operation, PrintWriter err) {
        return switch (workspace.locks().acquire(operation)) {
            case LockOutcome.Acquired acquired -> Either.right(acquired.lock());
            case LockOutcome.TakenOver taken -> {
                err.println("teleform: warning: took over the lock of a process that no longer runs: "
                        + taken.previous().describe());
                yield Either.right(taken.lock());
            }
            case LockOutcome.Held held -> {
                err.println("teleform: the stack is locked: " + held.holder().describe()
                        + "\nIf that run is gone, remove the lock with: teleform unlock " + held.holder().id());
                yield Either.left(HELD);
            }
            case LockOutcome.Failed failed -> {
                err.println("teleform: " + failed.message());
                yield Either.left(TeleformCli.ERROR);
            }
        };
    }
}
