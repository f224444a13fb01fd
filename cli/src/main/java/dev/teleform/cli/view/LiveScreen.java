package dev.teleform.cli.view;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A block of status lines kept at the bottom of a terminal, with finished lines printed above it, each once.
 * A {@link #draw} erases the block (carriage return, cursor up by its height, clear to the end of the screen),
 * prints the lines queued since, then the block again, truncated to the terminal's width so that no line wraps
 * and the height stays what was counted. The cursor rests at the start of the line below the block, so that a
 * {@code ^C} echoed there is erased with the block.
 */
final class LiveScreen {

    static final String ESC = "\033[";

    private final PrintWriter terminal;
    private final int width;
    private final Supplier<List<String>> block;
    private final List<String> queued = new ArrayList<>();
    private List<String> shown = List.of();
    private boolean closed;

    /**
     * @param width the terminal's columns; block lines are cut to one less (ending in {@code ...}), since a line
     *              that fills the last column leaves some terminals' cursor on it and others' on the next
     */
    LiveScreen(PrintWriter terminal, int width, Supplier<List<String>> block) {
        this.terminal = terminal;
        this.width = Math.max(width, 20);
        this.block = block;
    }

    /** A finished line, printed above the block at the next {@link #draw}. */
    synchronized void line(String text) {
        if (closed) {
            terminal.println(text);
            terminal.flush();
        } else {
            queued.add(text);
        }
    }

    /**
     * The queued lines and the block as it now reads; nothing is written when neither changed, so a caller may
     * draw on a timer.
     */
    synchronized void draw() {
        if (closed) {
            return;
        }
        List<String> now = block.get().stream().map(this::fit).toList();
        if (queued.isEmpty() && now.equals(shown)) {
            return;
        }
        StringBuilder screen = new StringBuilder(erase());
        queued.forEach(line -> screen.append(line).append('\n'));
        queued.clear();
        now.forEach(line -> screen.append(line).append('\n'));
        shown = now;
        terminal.print(screen);
        terminal.flush();
    }

    /**
     * Something else writes to the terminal (an invite link on the console): the block is taken away first and
     * drawn again below what was written, so that the next erase does not take the writing with it.
     */
    synchronized void above(Runnable write) {
        if (closed) {
            write.run();
            return;
        }
        StringBuilder screen = new StringBuilder(erase());
        queued.forEach(line -> screen.append(line).append('\n'));
        queued.clear();
        terminal.print(screen);
        terminal.flush();
        shown = List.of();
        write.run();
        draw();
    }

    /** The last drawing, which stays on the screen as the block's final state; lines after it print as usual. */
    synchronized void close() {
        if (!closed) {
            draw();
            closed = true;
        }
    }

    private String erase() {
        return shown.isEmpty() ? "" : "\r" + ESC + shown.size() + "A" + ESC + "J";
    }

    private String fit(String line) {
        return line.length() < width ? line : line.substring(0, width - 4) + "...";
    }
}
