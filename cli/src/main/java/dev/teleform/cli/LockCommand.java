package dev.teleform.cli;

import dev.teleform.cli.view.LockStatusView;
import dev.teleform.engine.operation.LockStatus;
import dev.teleform.engine.operation.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teleform lock}: look at the stack's state lock. */
@Command(name = "lock", description = "Inspect the stack's state lock (status).", subcommands = LockCommand.Status.class)
final class LockCommand extends CommandGroup {

    @Command(name = "status", description = {"Print who holds the stack's lock: its id, operation, user, host, pid, start",
        "and last heartbeat, the lease, and whether it is live or stale (the next run takes a stale one over).",
        "Exit status: 0 when the stack is not locked, 3 when it is."})
    static final class Status implements Callable<Integer> {

        /** The formats, as the option spells them. */
        enum Format { text, json }

        @Mixin
        StackOptions stack;

        @Option(names = "--format", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: text)")
        Format format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Workspace workspace = Workspaces.open(stack, spec.commandLine().getErr());
            LockStatus status = new Problems(spec.commandLine().getErr()).valueOf(workspace.lockStatus());
            LockStatusView.print(status, format == Format.json ? LockStatusView.Format.JSON : LockStatusView.Format.TEXT,
                    workspace.hint(), spec.commandLine().getOut());
            return status.holder().isPresent() ? TeleformCli.LOCKED : TeleformCli.OK;
        }
    }
}
