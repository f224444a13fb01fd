package dev.teleform.cli;

import dev.teleform.cli.view.StackReport;
import dev.teleform.engine.operation.Outcome;
import dev.teleform.engine.operation.Workspace;
import java.io.PrintWriter;
import java.time.InstantSource;

/** Opens the workspace of the stack a command names, showing the stack's problems if it is not valid. */
final class Workspaces {

    private Workspaces() {
    }

    /** The workspace of the stack in {@code options.dir}; an invalid stack stops the command after its report. */
    static Workspace open(StackOptions options, PrintWriter err) {
        Outcome<Workspace> opened = Workspace.open(options.input(), InstantSource.system());
        if (opened instanceof Outcome.Failed<Workspace> failed
                && failed.diagnostics().all().stream().anyMatch(problem -> problem.isError() && problem.source().isPresent())) {
            StackReport.printInvalid(failed.diagnostics(), err);
            throw new Problems.Stop(TeleformCli.ERROR);
        }
        return new Problems(err).valueOf(opened);
    }
}
