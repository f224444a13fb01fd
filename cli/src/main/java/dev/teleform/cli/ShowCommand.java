package dev.teleform.cli;

import dev.teleform.cli.view.PlanOutput;
import dev.teleform.engine.operation.PlanOperation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code teleform show PLANFILE}: print a saved plan. */
@Command(name = "show", description = "Print a plan saved with 'teleform plan --out FILE'.")
final class ShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PLANFILE", description = "A plan file written by teleform plan --out FILE.")
    Path file;

    @Option(names = "--format", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (json: schemas/plan.schema.json)")
    PlanOutput.Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PlanOperation.SavedPlan saved = new Problems(err).valueOf(PlanOperation.readToShow(file, TeleformCommand.workingDirectory()));
        PlanOutput.print(saved.plan(), saved.stackName(), format, out, err);
        return TeleformCli.OK;
    }
}
