package dev.teleform.cli;

import dev.teleform.engine.operation.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code teleform unlock LOCK_ID [DIR] [--force]}: remove a stale lock, naming it by id so no other lock is removed;
 * a live holder's only with {@code --force}.
 */
@Command(name = "unlock", description = {"Remove a stale state lock. The id is printed by the command that found it held",
    "and by teleform lock status. Only the lock with exactly this id is removed. A lock whose run is alive (its",
    "process runs on this host, or its heartbeat is within the lease) is refused unless --force is given."})
final class UnlockCommand implements Callable<Integer> {

    @Option(names = "--force", description = {"Remove the lock even though its run is alive. That run goes on until its",
        "next state write, where it stops with an error; meanwhile another run may take the lock."})
    boolean force;

    @Parameters(index = "0", paramLabel = "LOCK_ID", description = "The id of the lock to remove, as the message that "
            + "found it held or teleform lock status prints it.")
    String lockId;

    @Parameters(index = "1", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
            description = "Stack directory (default: the current directory).")
    java.nio.file.Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Workspace workspace = Workspaces.open(StackOptions.of(dir, java.util.Map.of(), spec), err);
        new Problems(err).valueThen(workspace.unlock(lockId, force), removed -> err.println("removed the lock: " + removed));
        return TeleformCli.OK;
    }
}
