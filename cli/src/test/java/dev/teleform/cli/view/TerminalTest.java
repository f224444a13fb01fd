package dev.teleform.cli.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void theLiveViewNeedsStderrOnATerminalThatCanMoveItsCursor() {
        assertTrue(Terminal.live(Map.of("TERM", "xterm-256color"), true));
        assertFalse(Terminal.live(Map.of("TERM", "xterm-256color"), false), "stderr redirected: plain lines");
        assertFalse(Terminal.live(Map.of(), true), "no TERM: plain lines");
        assertFalse(Terminal.live(Map.of("TERM", "dumb"), true));
    }

    @Test
    void noColorAndCiAskForPlainLines() {
        assertFalse(Terminal.live(Map.of("TERM", "xterm", "NO_COLOR", "1"), true));
        assertFalse(Terminal.live(Map.of("TERM", "xterm", "CI", "true"), true));
        assertFalse(Terminal.live(Map.of("TERM", "xterm", "CI", "1"), true));
        assertTrue(Terminal.live(Map.of("TERM", "xterm", "CI", "false"), true), "CI=false says it is no CI");
        assertTrue(Terminal.live(Map.of("TERM", "xterm", "NO_COLOR", ""), true), "an empty NO_COLOR is unset (no-color.org)");
    }
}
