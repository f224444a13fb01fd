package dev.teleform.cli;

import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.operation.Outcome;
import dev.teleform.engine.operation.StackInput;
import dev.teleform.engine.operation.StackRoot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The options every command that reads a stack shares: the directory (the stack's, or one inside it) and
 * {@code --var}; and the environment that {@code ${env:NAME}} reads, which the run's root command holds.
 */
final class StackOptions {

    /** What a command's {@code DIR} parameter takes, said the same way by every command that has one. */
    static final String DIR = "Stack directory, or one inside it (default: the current directory); destroy, state rm "
            + "and state mv take the stack's own directory.";

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR", description = DIR)
    Path dir;

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Value for $${var:NAME} in the stack files; repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The command, with its arguments, that takes only the stack's own directory; empty for the others. */
    private Optional<String> rootOnly = Optional.empty();

    /** For commands whose stack directory is not their first parameter. */
    static StackOptions of(Path dir, Map<String, String> vars, CommandSpec command) {
        StackOptions options = new StackOptions();
        options.dir = dir;
        options.vars = vars;
        options.command = command;
        return options;
    }

    /**
     * These options for {@code command} ({@code "state rm " + address}), which removes or moves what state holds: it
     * works only on a stack named by its own directory, never on one found above the directory given, so that a
     * stack file that fails to say {@code kind: stack} cannot send it to another stack.
     */
    StackOptions rootOnly(String command) {
        rootOnly = Optional.of(command);
        return this;
    }

    /**
     * The stack that {@code dir} is, or is inside of (found upwards, as git finds its repository); a directory in no
     * stack stops the command, saying where it looked, and so does one holding a document of an unknown kind, or
     * one inside a stack given to a command that takes only the stack's own directory.
     */
    StackInput input() {
        Problems problems = new Problems(command.commandLine().getErr());
        Path root = StackRoot.find(dir).fold(why -> problems.valueOf(Outcome.<Path>failed(why)), found -> found);
        if (!root.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            rootOnly.ifPresent(refused -> {
                throw problems.fail(dir + " is inside the stack at " + root + ": destroy, state rm and state mv work "
                        + "only on a stack named by its own directory, so that a stack file that fails to say \"kind: "
                        + "stack\" cannot send them to the stack above. Nothing was changed; to work on the stack at "
                        + root + ", run (with the same options):\n  " + new CommandHint(root).teleform(refused));
            });
            // said every time: a stack file in DIR that fails to say "kind: stack" would otherwise send a command
            // (a plan, say) to the stack above without a word
            command.commandLine().getErr().println("teleform: " + dir + " is inside the stack at " + root
                    + ": working on that stack");
        }
        return new StackInput(root, vars, TeleformCommand.environment(command));
    }
}
