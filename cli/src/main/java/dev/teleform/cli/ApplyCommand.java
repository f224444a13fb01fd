package dev.teleform.cli;

import dev.teleform.engine.stack.StackReader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code teleform apply}: validates the stack, then says that applying is not available yet.
 * Applying arrives with the apply step; until then this refuses honestly
 * instead of pretending to change anything.
 */
@Command(name = "apply", description = "Apply a stack (not available yet: validates the stack; see 'teleform plan').")
final class ApplyCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Option(names = "--auto-approve", description = "Apply without asking for confirmation.")
    boolean autoApprove;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var result = new StackReader(stack.loadOptions()).read(stack.dir);
        if (StackReport.print(result, spec.commandLine().getOut(), spec.commandLine().getErr())) {
            spec.commandLine().getErr().println("teleform: apply is not available yet: this build validates and "
                    + "plans (teleform plan " + stack.dir + "); applying comes next. Nothing was changed.");
        }
        return TeleformCli.ERROR;
    }
}
