package dev.teleform.provider.simulator.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Runs a stand-in: parses its arguments with picocli as kingpin, the parser of tctl and tbot, does (flags
 * may stand before or after the command; an unknown flag or command is refused in kingpin's words:
 * {@code unknown long flag '--foo'}, {@code expected command but got "foo"}), then runs the command.
 */
final class Kingpin {

    private Kingpin() {
    }

    /**
     * Parses {@code args} against the picocli command {@code root} and runs the command they select;
     * a refusal, in parsing or in the command, goes to {@code refuse} and the exit status is 1.
     */
    static int run(StandInCommand root, List<String> args, Consumer<String> refuse) {
        try {
            return parse(root, args).run();
        } catch (StandInFailure failure) {
            refuse.accept(failure.getMessage());
            return 1;
        }
    }

    private static StandInCommand parse(StandInCommand root, List<String> args) {
        CommandLine cli = new CommandLine(root)
                .setExpandAtFiles(false) // an argument starting with @ is an argument, not a file of them
                .setOverwrittenOptionsAllowed(true); // a repeated flag: the last one counts
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new StandInFailure(message(e, args));
        }
        return (StandInCommand) parsed.asCommandLineList().getLast().getCommand();
    }

    /**
     * Kingpin's text for what picocli refused. Picocli reports a missing argument before an unknown one
     * it had already met; kingpin stops at the first, so an unknown argument is looked for first.
     */
    private static String message(ParameterException e, List<String> args) {
        Optional<String> unknown = firstUnmatched(e.getCommandLine());
        if (unknown.isPresent()) {
            return unknown.get();
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec spec = missing.getMissing().getFirst();
            if (spec instanceof OptionSpec option) {
                return written(option, args).map(name -> "expected argument for flag '" + name + "'")
                        .orElse("required flag " + option.longestName() + " not provided");
            }
            return "required argument '" + spec.paramLabel() + "' not provided";
        }
        return e.getMessage();
    }

    /** The first argument no command took, from the outermost command in. */
    private static Optional<String> firstUnmatched(CommandLine failed) {
        List<CommandLine> commands = new ArrayList<>();
        for (CommandLine command = failed; command != null; command = command.getParent()) {
            commands.addFirst(command);
        }
        for (CommandLine command : commands) {
            if (!command.getUnmatchedArguments().isEmpty()) {
                return Optional.of(unmatched(command.getUnmatchedArguments().getFirst(), command));
            }
        }
        return Optional.empty();
    }

    private static String unmatched(String token, CommandLine command) {
        if (token.startsWith("--")) {
            return "unknown long flag '" + token.split("=", 2)[0] + "'";
        }
        if (token.startsWith("-") && token.length() > 1) {
            return "unknown short flag '" + token.substring(0, 2) + "'"; // kingpin reads -xyz as -x -y -z
        }
        return command.getSubcommands().isEmpty() ? "unexpected " + token
                : "expected command but got \"" + token + "\"";
    }

    /** The flag as it was written ({@code -i} or {@code --identity}), since kingpin names it so; empty if it was not. */
    private static Optional<String> written(OptionSpec option, List<String> args) {
        for (String arg : args.reversed()) {
            for (String name : option.names()) {
                if (arg.equals(name)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }
}
