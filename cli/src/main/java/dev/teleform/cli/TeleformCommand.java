package dev.teleform.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options and the list of subcommands. */
@Command(name = "teleform",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Declarative reconciler for Teleport Cloud workload clusters and the roles and users in them.",
            "A stack is a directory of YAML files; see README.md."},
        subcommands = {
            ValidateCommand.class,
            ApplyCommand.class,
            HelpCommand.class,
            AutoComplete.GenerateCompletion.class})
final class TeleformCommand implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print Java stack traces of unexpected errors.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
