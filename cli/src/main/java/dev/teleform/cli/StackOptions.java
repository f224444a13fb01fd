package dev.teleform.cli;

import dev.teleform.engine.operation.StackInput;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The options every command that reads a stack shares: the directory and {@code --var}; and the
 * environment that {@code ${env:NAME}} reads, which the run's root command holds.
 */
final class StackOptions {

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
            description = "Stack directory (default: the current directory).")
    Path dir;

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Value for $${var:NAME} in the stack files; repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** For commands whose stack directory is not their first parameter. */
    static StackOptions of(Path dir, Map<String, String> vars, CommandSpec command) {
        StackOptions options = new StackOptions();
        options.dir = dir;
        options.vars = vars;
        options.command = command;
        return options;
    }

    StackInput input() {
        return new StackInput(dir, vars, TeleformCommand.environment(command));
    }
}
