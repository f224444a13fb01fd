package dev.teleform.cli;

import dev.teleform.cli.view.StackReport;
import dev.teleform.engine.operation.ValidateOperation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code teleform validate [DIR]}: checks a stack without contacting Teleport. */
@Command(name = "validate",
        description = {"Check a stack's files: YAML, schemas and Teleform's rules. Contacts nothing.",
            "Prints every problem as file:line:col; exits 1 on any error."})
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean valid = StackReport.print(ValidateOperation.run(stack.input()), spec.commandLine().getOut(), spec.commandLine().getErr());
        return valid ? TeleformCli.OK : TeleformCli.ERROR;
    }
}
