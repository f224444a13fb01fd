package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree in-process: exit codes, help, and where output goes. */
class TeleformCliTest {

    @Test
    void everyCommandAnswersHelpAsUsageErrorsPromise() {
        List<List<String>> commands = new ArrayList<>();
        collect(TeleformCli.commandLine(new TeleformCommand(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())), List.of(), commands);
        assertTrue(commands.size() > 10, commands.toString());
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exit(), command + ": " + run.err());
            assertTrue(run.out().contains("Usage: teleform " + String.join(" ", command)), command + ": " + run.out());
        }
    }

    private static void collect(CommandLine line, List<String> path, List<List<String>> into) {
        line.getSubcommands().forEach((name, sub) -> {
            List<String> command = new ArrayList<>(path);
            command.add(name);
            into.add(command);
            collect(sub, command, into);
        });
    }

    @Test
    void everyParameterAndOptionOfEveryCommandIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        describedIn(TeleformCli.commandLine(new TeleformCommand(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())), undescribed);
        assertEquals(List.of(), undescribed);
    }

    private static void describedIn(CommandLine line, List<String> undescribed) {
        CommandLine.Model.CommandSpec spec = line.getCommandSpec();
        for (CommandLine.Model.ArgSpec arg : spec.args()) {
            if (String.join("", arg.description()).isBlank()) {
                undescribed.add(spec.qualifiedName() + " " + (arg instanceof CommandLine.Model.OptionSpec option
                        ? option.longestName() : arg.paramLabel()));
            }
        }
        line.getSubcommands().values().forEach(sub -> describedIn(sub, undescribed));
    }

    @Test
    void aMistypedCommandIsAnsweredWithTheCommandsItMayMean() {
        CliRun run = CliRun.of("aply", "../examples/quickstart");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("Did you mean: teleform apply"), run.err());
        CliRun state = CliRun.of("state", "lst");
        assertEquals(1, state.exit());
        assertTrue(state.err().contains("Did you mean: teleform state list?"), state.err());
        CliRun option = CliRun.of("plan", "--targte", "role/x");
        assertTrue(option.err().contains("Possible solutions: --target"), option.err());
    }

    @Test
    void aCommandWithLettersSwappedIsAnsweredWithThatCommandAlone() {
        for (String[] typo : new String[][] {{"paln"}, {"imprt"}, {"state", "sohw", "qs"}, {"detsroy", "qs"}}) {
            CliRun run = CliRun.of(typo);
            assertEquals(1, run.exit(), String.join(" ", typo));
            String meant = switch (typo[0]) {
                case "paln" -> "teleform plan";
                case "imprt" -> "teleform import";
                case "detsroy" -> "teleform destroy";
                default -> "teleform state show";
            };
            assertTrue(run.err().contains("\nDid you mean: " + meant + "?\n"), run.err());
            assertFalse(run.err().contains(" or "), "one command, not a list: " + run.err());
            assertFalse(run.err().contains("generate-completion"), run.err());
        }
        CliRun unlike = CliRun.of("xyzzy");
        assertEquals(1, unlike.exit());
        assertFalse(unlike.err().contains("Did you mean"), "nothing is like it: " + unlike.err());
        assertTrue(unlike.err().contains("Run 'teleform --help' for usage."), unlike.err());
    }

    @Test
    void printsTheVersion() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exit());
        assertTrue(run.out().startsWith("teleform "), run.out());
    }

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exit());
        for (String command : new String[] {"validate", "apply", "help", "generate-completion"}) {
            assertTrue(run.out().contains(command), command);
        }
        CliRun one = CliRun.of("help", "validate");
        assertTrue(one.out().startsWith("Usage: teleform validate"), one.out());
    }

    @Test
    void noCommandPrintsUsageAndFails() {
        CliRun run = CliRun.of();
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("Usage: teleform"), run.err());
    }

    @Test
    void usageErrorsExitOneBecauseTwoMeansChangesPresent() {
        CliRun run = CliRun.of("validate", "--no-such-flag");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("Unknown option: '--no-such-flag'"), run.err());
        assertTrue(run.err().contains("Run 'teleform validate --help' for usage."), run.err());
    }

    @Test
    void callLimitsBelowOneAreUsageErrors() {
        CliRun run = CliRun.of("apply", "../examples/quickstart", "--max-calls", "0");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("teleform: --max-calls must be at least 1, not 0"), run.err());
        assertEquals(1, CliRun.of("destroy", "../examples/quickstart", "--parallelism", "-2").exit());
    }

    @Test
    void validateSummarisesAValidStackOnStdout() {
        CliRun run = CliRun.of("validate", "../examples/quickstart");
        assertEquals(0, run.exit(), run.err());
        assertEquals("stack quickstart: 1 workload cluster, 2 roles, 1 user \u2014 valid\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void validateReportsProblemsOnStderrAndFails() {
        CliRun run = CliRun.of("validate", "src/test/resources/stacks/bad-stack");
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("src/test/resources/stacks/bad-stack/roles.yaml:8:5: error: spec.allow.loginz: "
                + "unknown field; did you mean \"logins\"?"), run.err());
        assertTrue(run.err().endsWith("4 errors, 1 warning; nothing was changed\n"), run.err());
    }

    @Test
    void varsReachTheStack() {
        CliRun missing = CliRun.of("validate", "src/test/resources/stacks/with-var");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("variable team is not set (pass --var team=VALUE)"), missing.err());
        CliRun given = CliRun.of("validate", "src/test/resources/stacks/with-var", "--var", "team=payments");
        assertEquals(0, given.exit(), given.err());
    }

    @Test
    void generatesAShellCompletionScript() {
        CliRun run = CliRun.of("generate-completion");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("complete -F"), "a bash completion function is registered");
    }

    /** Stands for any command whose I/O failure (here a JGit one) reaches the CLI edge as an exception. */
    @CommandLine.Command(name = "failing")
    static final class Failing implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Option(names = "--debug")
        boolean debug;

        @Override
        public Integer call() throws java.io.IOException {
            throw new java.io.IOException("cannot push to http://user:s3cret@host/state.git",
                    new java.io.IOException("https://s3cret@host/state.git: not authorized"));
        }
    }

    @Test
    void unexpectedErrorsNeverPrintTheCredentialsOfAUrl() {
        for (String[] args : new String[][] {{}, {"--debug"}}) {
            StringWriter err = new StringWriter();
            int exit = TeleformCli.commandLine(new Failing(), new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                    .execute(args);
            assertEquals(1, exit);
            assertTrue(err.toString().contains("http://***@host/state.git"), err.toString());
            assertFalse(err.toString().contains("s3cret"), err.toString());
        }
    }
}
