package dev.teleform.cli;

import dev.teleform.cli.view.OutputView;
import dev.teleform.engine.operation.OutputOperation;
import dev.teleform.engine.operation.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teleform output}: the stack's workload clusters as other tools need them. */
@Command(name = "output", description = {"Print each workload cluster's name, domain, state and bot, and how many roles",
    "and users the stack manages in it and in the parent, from state: for scripts that reach the child",
    "clusters (teleform output --format json | jq -r '.clusters[].domain'). Reads no secret, takes no lock",
    "and calls no cluster unless --refresh."})
final class OutputCommand implements Callable<Integer> {

    /** The formats, as the option spells them. */
    enum Format { text, json }

    @Mixin
    StackOptions stack;

    @Option(names = "--format", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: text)")
    Format format;

    @Option(names = "--refresh", description = {"Read each workload cluster's domain and state live from the parent",
        "cluster (one read for them all); state is not changed."})
    boolean refresh;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Workspace workspace = Workspaces.open(stack, spec.commandLine().getErr());
        OutputOperation.Outputs outputs = new Problems(spec.commandLine().getErr()).valueOf(refresh
                ? OutputOperation.refreshed(workspace) : OutputOperation.fromState(workspace));
        OutputView.print(outputs, format == Format.json ? OutputView.Format.JSON : OutputView.Format.TEXT,
                spec.commandLine().getOut());
        return TeleformCli.OK;
    }
}
