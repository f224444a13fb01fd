package dev.teleform.cli;

import dev.teleform.engine.diag.DidYouMean;
import dev.teleform.engine.operation.ProviderTools;
import dev.teleform.engine.diag.UrlCredentials;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the command tree and maps failures to exit codes (DESIGN.md §8): 0 success, 1 error,
 * 2 changes present (with --detailed-exitcode), 3 lock held, 4 the plan differs from a saved one (with
 * --compare-to), 5 the unpushed state can never be pushed ({@code state push}). Usage errors exit 1, not picocli's 2,
 * because 2 means "changes present" to CI scripts.
 */
public final class TeleformCli {

    public static final int OK = 0;
    public static final int ERROR = 1;
    /** Another run holds the stack's lock. */
    public static final int LOCKED = 3;
    /** The plan made now does not make the same changes as the saved plan it was compared to. */
    public static final int DIFFERENT = 4;
    /**
     * {@code state push} found the kept unpushed state superseded (state was written since) or not this stack's:
     * CI drops it instead of keeping it for the next run, which a plain error (the remote unreachable) asks for.
     */
    public static final int UNPUSHABLE = 5;

    private TeleformCli() {
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System::getenv);
    }

    /** A run whose {@code ${env:NAME}} reads {@code environment}: tests give their own. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, UnaryOperator<String> environment) {
        if (args.length > 0) {
            Optional<Integer> ran = ProviderTools.run(args[0], List.of(args).subList(1, args.length), out, err,
                    environment);
            if (ran.isPresent()) {
                return ran.get();
            }
        }
        return commandLine(new TeleformCommand(environment), out, err).execute(args);
    }

    /** The command tree under {@code root} with Teleform's output streams and failure handling. */
    static CommandLine commandLine(Object root, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(root);
        for (ProviderTools.Listing tool : ProviderTools.all()) {
            // Listed for help and completion only: run() hands the tool its arguments before picocli parses.
            CommandSpec listing = CommandSpec.create().name(tool.name());
            listing.usageMessage().description(tool.description());
            cli.addSubcommand(tool.name(), new CommandLine(listing));
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("teleform: " + e.getMessage());
            suggest(e, failed.getErr());
            failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ERROR;
        });
        cli.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof Problems.Stop stop) {
                return stop.status(); // its problems are shown already
            }
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("--debug"));
            if (debug) {
                // The trace holds the messages of every cause, JGit's among them, which name URLs as given.
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                failed.getErr().print(UrlCredentials.scrub(trace.toString()));
                failed.getErr().flush();
            } else {
                failed.getErr().println("teleform: error: " + describe(e) + " (run with --debug for details)");
            }
            return ERROR;
        });
        return cli;
    }

    /**
     * What a mistyped command or option may have meant. A command: the one closest to it by letters swapped, left out,
     * added or changed ({@link DidYouMean}, as the stack's own hints), else the one it begins, else none; picocli's
     * guess by letter pairs in common answers "paln" with validate, and "imprt" with generate-completion. An option:
     * picocli's, the options that begin as it does.
     */
    private static void suggest(ParameterException e, PrintWriter err) {
        if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return;
        }
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        if (unmatched.isUnknownOption() || spec.subcommands().isEmpty()) {
            UnmatchedArgumentException.printSuggestions(e, err);
            return;
        }
        String word = unmatched.getUnmatched().getFirst();
        List<String> commands = spec.subcommands().entrySet().stream()
                .filter(sub -> !sub.getValue().getCommandSpec().usageMessage().hidden()).map(Map.Entry::getKey).toList();
        List<String> begun = commands.stream().filter(command -> word.length() > 1 && command.startsWith(word)).toList();
        DidYouMean.closest(word, commands).or(() -> begun.size() == 1 ? Optional.of(begun.getFirst()) : Optional.empty())
                .ifPresent(command -> err.println("Did you mean: " + spec.qualifiedName() + " " + command + "?"));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : UrlCredentials.scrub(message);
    }
}
