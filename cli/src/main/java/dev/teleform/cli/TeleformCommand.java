package dev.teleform.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

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
            UnlockCommand.class,
            InviteCommand.class,
            HelpCommand.class,
            AutoComplete.GenerateCompletion.class})
final class TeleformCommand implements Callable<Integer> {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print Java stack traces of unexpected errors.")
    boolean debug;

    @Spec
    CommandSpec spec;

    /** Without a command there is nothing to do: show what there is, and fail like a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return TeleformCli.ERROR;
    }
}
