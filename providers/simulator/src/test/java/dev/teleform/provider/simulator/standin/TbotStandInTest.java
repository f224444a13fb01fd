package dev.teleform.provider.simulator.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.provider.simulator.SimFixture;
import dev.teleform.provider.simulator.cloud.SimConsole;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tbot stand-in refuses what real tbot refuses, with kingpin's texts (TELEPORT.md §5, §6). */
class TbotStandInTest {

    @TempDir
    Path dir;

    private record Run(int exit, String err) {}

    private Run tbot(String... args) {
        StringWriter err = new StringWriter();
        SimConsole console = new SimConsole(SimFixture.config(dir.resolve("sim"), SimFixture.clock()));
        int exit = new TbotStandIn(console, new PrintWriter(err), Map.of()).run(List.of(args));
        return new Run(exit, err.toString());
    }

    @Test
    void anUnknownFlagIsRefused() {
        assertEquals(new Run(1, "ERROR: unknown long flag '--oneshot'\n\n"),
                tbot("start", "-c", dir.resolve("tbot.yaml").toString(), "--oneshot"));
        assertEquals(new Run(1, "ERROR: unknown short flag '-x'\n\n"), tbot("-x", "start"));
    }

    @Test
    void anUnknownCommandIsRefused() {
        assertEquals(new Run(1, "ERROR: expected command but got \"stop\"\n\n"), tbot("stop"));
    }

    @Test
    void startNeedsAConfiguration() {
        assertEquals(new Run(1, "ERROR: a configuration file is required: tbot start -c FILE\n\n"), tbot("start"));
        assertEquals(new Run(1, "ERROR: expected argument for flag '-c'\n\n"), tbot("start", "-c"));
    }
}
