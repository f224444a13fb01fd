package dev.teleform.cli.view;

import java.io.Console;

/**
 * Whether a person is at the terminal, for prompts and invite links, and so whether output may be coloured:
 * only on a terminal, and never with NO_COLOR set (no-color.org).
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
}
