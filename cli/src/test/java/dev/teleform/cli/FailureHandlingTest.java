package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** An unexpected failure is one readable line, and a stack trace only with --debug. */
class FailureHandlingTest {

    @Command(name = "teleform")
    static final class Failing implements Callable<Integer> {
        @Option(names = "--debug")
        boolean debug;

        @Override
        public Integer call() {
            throw new IllegalStateException("state repository .teleform/state.git is locked by another process");
        }
    }

    private static String run(String... args) {
        StringWriter err = new StringWriter();
        int exit = TeleformCli.commandLine(new Failing(), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)).execute(args);
        assertEquals(1, exit);
        return err.toString();
    }

    @Test
    void anUnexpectedErrorIsOneLine() {
        assertEquals("teleform: error: state repository .teleform/state.git is locked by another process "
                + "(run with --debug for details)\n", run());
    }

    @Test
    void debugShowsTheStackTrace() {
        String err = run("--debug");
        assertTrue(err.startsWith("java.lang.IllegalStateException: state repository"), err);
        assertTrue(err.contains("\tat dev.teleform.cli.FailureHandlingTest$Failing.call"), err);
    }
}
