package dev.teleform.cli;

import dev.teleform.engine.operation.StackInput;
import dev.teleform.engine.operation.StackRoot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The options every command that reads a stack shares: the directory (the stack's, or one inside it) and
 * {@code --var}; and the environment that {@code ${env:NAME}} reads, which the run's root command holds.
 */
final class StackOptions {

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
            description = "Stack directory, or one inside it (default: the current directory).")
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

    /**
     * The stack that {@code dir} is, or is inside of (found upwards, as git finds its repository); a directory in no
     * stack stops the command, saying where it looked.
     */
    StackInput input() {
        Path root = StackRoot.find(dir).getOrElseThrow(why -> new Problems(command.commandLine().getErr()).fail(why));
        if (!root.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            // said every time: a stack file in DIR that fails to say "kind: stack" would otherwise send a command
            // (a destroy, say) to the stack above without a word
            command.commandLine().getErr().println("teleform: " + dir + " is inside the stack at " + root
                    + ": working on that stack");
        }
        return new StackInput(root, vars, TeleformCommand.environment(command));
    }
}
