package dev.teleform.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the command tree and maps failures to exit codes (DESIGN.md §8): 0 success, 1 error,
 * 2 changes present (with --detailed-exitcode), 3 lock held. Usage errors exit 1, not picocli's 2,
 * because 2 means "changes present" to CI scripts.
 */
public final class TeleformCli {

    public static final int OK = 0;
    public static final int ERROR = 1;

    private TeleformCli() {
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(new TeleformCommand(), out, err).execute(args);
    }

    /** The command tree under {@code root} with Teleform's output streams and failure handling. */
    static CommandLine commandLine(Object root, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("teleform: " + e.getMessage());
            failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ERROR;
        });
        cli.setExecutionExceptionHandler((e, failed, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("--debug"));
            if (debug) {
                e.printStackTrace(failed.getErr());
            } else {
                failed.getErr().println("teleform: error: " + describe(e) + " (run with --debug for details)");
            }
            return ERROR;
        });
        return cli;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
