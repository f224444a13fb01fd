package dev.teleform.cli;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options and the list of subcommands. */
// INHERIT gives every subcommand -h/--help (and -V), which usage errors tell the user to run.
@Command(name = "teleform",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = {
            "Declarative reconciler for Teleport Cloud workload clusters and the roles and users in them.",
            "A stack is a directory of YAML files; see README.md."},
        subcommands = {
            ValidateCommand.class,
            PlanCommand.class,
            GraphCommand.class,
            ShowCommand.class,
            ApplyCommand.class,
            DestroyCommand.class,
            StateCommand.class,
            ImportCommand.class,
            OutputCommand.class,
            LockCommand.class,
            UnlockCommand.class,
            InviteCommand.class,
            HelpCommand.class,
            AutoComplete.GenerateCompletion.class})
final class TeleformCommand extends CommandGroup {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print Java stack traces of unexpected errors.")
    boolean debug;

    /** Where {@code ${env:NAME}} is read: the process environment, or a test's. */
    private final UnaryOperator<String> environment;

    TeleformCommand() {
        this(System::getenv);
    }

    TeleformCommand(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** The environment of the run that {@code command} belongs to. */
    static UnaryOperator<String> environment(CommandSpec command) {
        return command != null && command.root().userObject() instanceof TeleformCommand root ? root.environment
                : System::getenv;
    }

    /** The directory the command runs in, which a plan file's stack directory may be relative to. */
    static Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }
}
