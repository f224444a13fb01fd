package dev.teleform.cli;

import dev.teleform.cli.view.StackReport;
import dev.teleform.engine.operation.Workspace;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import java.io.PrintWriter;
import java.time.InstantSource;

/** Opens the workspace of the stack a command names, showing the stack's problems if it is not valid. */
final class Workspaces {

    private Workspaces() {
    }

    /** The workspace of the stack in {@code options.dir}; an invalid stack stops the command after its report. */
    static Workspace open(StackOptions options, PrintWriter out, PrintWriter err) {
        StackResult result = new StackReader(options.loadOptions()).read(options.dir);
        if (!(result instanceof StackResult.Valid valid)) {
            StackReport.print(result, out, err);
            throw new Problems.Stop(TeleformCli.ERROR);
        }
        Problems problems = new Problems(err);
        problems.print(valid.diagnostics());
        return problems.valueOf(Workspace.open(valid.stack(), InstantSource.system()));
    }
}
