package dev.teleform.cli;

import dev.teleform.engine.state.GitLocks;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.Optional;
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
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StackOptions stack = StackOptions.of(dir, java.util.Map.of(), spec);
        Optional<Workspace> workspace = Workspace.open(stack, out, err, InstantSource.system());
        if (workspace.isEmpty()) {
            return TeleformCli.ERROR;
        }
        GitLocks locks = workspace.get().locks();
        var holder = locks.holder();
        if (holder.isEmpty()) {
            err.println("teleform: stack " + workspace.get().stack().settings().name() + " is not locked");
            return TeleformCli.ERROR;
        }
        if (!locks.forceUnlock(lockId)) {
            err.println("teleform: the lock is " + holder.get().describe() + "; it was not removed because its id is "
                    + "not " + lockId);
            return TeleformCli.ERROR;
        }
        err.println("removed the lock: " + holder.get().describe());
        return TeleformCli.OK;
    }
}
