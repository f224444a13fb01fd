package dev.teleform.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The redraw against a fake terminal: what is written, escape sequence by escape sequence. */
class LiveScreenTest {

    private static final String ERASE_2 = "\r\033[2A\033[J";

    private final StringWriter terminal = new StringWriter();
    private final List<String> block = new ArrayList<>(List.of("-- teleform apply: 0s elapsed", "steps: 0 of 2 done"));
    private final LiveScreen screen = new LiveScreen(new PrintWriter(terminal), 40, () -> List.copyOf(block));

    private String written() {
        String text = terminal.toString();
        terminal.getBuffer().setLength(0);
        return text;
    }

    @Test
    void theFirstDrawPrintsTheBlockAndLeavesTheCursorBelowIt() {
        screen.draw();
        assertEquals("-- teleform apply: 0s elapsed\nsteps: 0 of 2 done\n", written());
    }

    @Test
    void finishedLinesWaitForTheNextDrawAndAreThenPrintedAboveTheBlockOnce() {
        screen.draw();
        written();
        screen.line("role/a: created (0.1s)");
        screen.line("role/b: created (0.2s)");
        assertEquals("", written(), "nothing is written between draws: the timer is the throttle");
        block.set(1, "steps: 2 of 2 done");
        screen.draw();
        assertEquals(ERASE_2 + "role/a: created (0.1s)\nrole/b: created (0.2s)\n-- teleform apply: 0s elapsed\n"
                + "steps: 2 of 2 done\n", written());
        screen.draw();
        assertEquals("", written(), "an unchanged screen is not drawn again");
    }

    @Test
    void aChangedBlockAloneIsRedrawnInPlace() {
        screen.draw();
        written();
        block.set(0, "-- teleform apply: 1s elapsed");
        screen.draw();
        assertEquals(ERASE_2 + "-- teleform apply: 1s elapsed\nsteps: 0 of 2 done\n", written());
    }

    @Test
    void theEraseMovesUpByTheHeightLastDrawnWhenTheBlockGrows() {
        screen.draw();
        written();
        block.add("clusters: 1 provisioning");
        screen.draw();
        block.set(2, "clusters: 1 active");
        screen.draw();
        assertEquals(ERASE_2 + "-- teleform apply: 0s elapsed\nsteps: 0 of 2 done\nclusters: 1 provisioning\n"
                + "\r\033[3A\033[J-- teleform apply: 0s elapsed\nsteps: 0 of 2 done\nclusters: 1 active\n", written());
    }

    @Test
    void blockLinesAreCutShortOfTheWidthSoThatNoneWrapsButFinishedLinesAreWhole() {
        LiveScreen narrow = new LiveScreen(new PrintWriter(terminal), 20, () -> List.of("0123456789012345678901234"));
        narrow.line("a finished line longer than the terminal is wide");
        narrow.draw();
        assertEquals("a finished line longer than the terminal is wide\n0123456789012345...\n", written());
    }

    @Test
    void closingDrawsTheFinalBlockWhichStaysAndLaterLinesPrintBelowIt() {
        screen.draw();
        written();
        screen.line("role/a: created (0.1s)");
        block.set(1, "steps: 1 of 2 done");
        screen.close();
        assertEquals(ERASE_2 + "role/a: created (0.1s)\n-- teleform apply: 0s elapsed\nsteps: 1 of 2 done\n", written());
        screen.line("teleform: a late line");
        screen.draw();
        screen.close();
        assertEquals("teleform: a late line\n", written(), "after closing, lines print plainly and no block is redrawn");
    }

    @Test
    void writingAboveTheBlockTakesItAwayFirstAndDrawsItAgainBelowTheWriting() {
        screen.draw();
        written();
        screen.line("user/alice: created (0.1s)");
        screen.above(() -> terminal.write("Invite link for user/alice\n"));
        assertEquals(ERASE_2 + "user/alice: created (0.1s)\nInvite link for user/alice\n"
                + "-- teleform apply: 0s elapsed\nsteps: 0 of 2 done\n", written());
        block.set(1, "steps: 1 of 2 done");
        screen.draw();
        assertEquals(ERASE_2 + "-- teleform apply: 0s elapsed\nsteps: 1 of 2 done\n", written(),
                "the next erase takes the block only, not the link");
    }
}
