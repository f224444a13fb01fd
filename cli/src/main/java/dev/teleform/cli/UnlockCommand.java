package dev.teleform.cli;

import dev.teleform.engine.operation.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code teleform unlock LOCK_ID [DIR]}: remove a stale lock, naming it by id so no other lock is removed. */
@Command(name = "unlock", description = {"Remove a stale state lock. The id is printed by the command that found it held.",
    "Only the lock with exactly this id is removed."})
final class UnlockCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LOCK_ID")
    String lockId;

    @Parameters(index = "1", arity = "0..1", defaultValue = ".", paramLabel = "DIR")
    java.nio.file.Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Workspace workspace = Workspaces.open(StackOptions.of(dir, java.util.Map.of(), spec), err);
        String removed = new Problems(err).valueOf(workspace.unlock(lockId));
        err.println("removed the lock: " + removed);
        return TeleformCli.OK;
    }
}
