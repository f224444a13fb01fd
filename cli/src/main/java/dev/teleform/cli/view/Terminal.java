package dev.teleform.cli.view;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Whether a person is at the terminal, for prompts and invite links, and so whether output may be coloured
 * (only on a terminal, and never with NO_COLOR set: no-color.org) and apply's progress redrawn ({@link #live}).
 */
public final class Terminal {

    private Terminal() {
    }

    static boolean colour() {
        String noColour = System.getenv("NO_COLOR");
        return (noColour == null || noColour.isEmpty()) && interactive();
    }

    /**
     * JDK 22+ returns a console even when output is redirected and says so with {@code isTerminal()};
     * the build targets 21, so that method is looked up when the running JDK has it.
     */
    public static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /**
     * Whether apply's progress may be a {@link LiveView}: stdout, where the progress goes, is a terminal a person
     * watches, which can move its cursor. Plain lines, as CI logs want them, when stdout or the console is
     * redirected, in CI, with {@code TERM} unset or {@code dumb}, and with {@code NO_COLOR} set: no-color.org asks
     * only for no colour, but whoever sets it wants plain output, and a redrawn block is the least plain there is.
     */
    public static boolean live() {
        return live(System.getenv(), interactive() && stdoutIsTerminal());
    }

    static boolean live(Map<String, String> env, boolean stdoutTerminal) {
        String term = env.getOrDefault("TERM", "");
        String ci = env.getOrDefault("CI", "");
        return stdoutTerminal && !term.isEmpty() && !term.equals("dumb") && env.getOrDefault("NO_COLOR", "").isEmpty()
                && (ci.isEmpty() || ci.equalsIgnoreCase("false") || ci.equals("0"));
    }

    /**
     * JDK 21's console is there only when stdin and stdout are terminals, a later JDK's says so through
     * {@code isTerminal()}, but neither is certain of stdout alone; on Linux, /proc says where it goes
     * ({@code apply > log} must get plain lines). Where nothing tells (no /proc), stdout counts as not a terminal:
     * plain lines are never wrong, redraw codes in a log are.
     */
    private static boolean stdoutIsTerminal() {
        Path fd = Path.of("/proc/self/fd/1");
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The terminal's columns: {@code COLUMNS} when the shell exports it, else what {@code stty size} says of the
     * controlling terminal, else 80. Asked once per apply; the live block's lines are short, so a narrower window
     * later cuts nothing that matters.
     */
    public static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("[1-9][0-9]{0,3}")) {
            return Integer.parseInt(columns);
        }
        return sttyColumns().orElse(80);
    }

    private static OptionalInt sttyColumns() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // waited for before reading, so that a stty stuck on the terminal cannot hold the apply: its few
            // bytes of answer fit the pipe
            if (!stty.waitFor(2, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return OptionalInt.empty();
            }
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (stty.exitValue() == 0 && size.matches("[0-9]+ [1-9][0-9]*")) {
                return OptionalInt.of(Integer.parseInt(size.substring(size.indexOf(' ') + 1)));
            }
        } catch (IOException e) {
            // no stty, or no controlling terminal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalInt.empty();
    }
}
