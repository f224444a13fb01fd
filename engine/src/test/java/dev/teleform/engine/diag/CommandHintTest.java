package dev.teleform.engine.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandHintTest {

    private static final Path HERE = Path.of("").toAbsolutePath();

    @Test
    void theCurrentDirectoryHowEverWrittenIsLeftOut() {
        for (Path dir : new Path[] {Path.of(""), Path.of("."), Path.of("./"), HERE, Path.of("..", HERE.getFileName().toString())}) {
            assertEquals("teleform unlock 1a2b --force", new CommandHint(dir).teleform("unlock 1a2b", "--force"), dir.toString());
        }
    }

    @Test
    void anotherDirectoryFollowsTheCommandsArgumentsAndPrecedesItsOptions() {
        assertEquals("teleform state rm role/x examples/fleet",
                new CommandHint(Path.of("./examples/fleet/")).teleform("state rm role/x"));
        assertEquals("teleform plan ../other --out FILE", new CommandHint(Path.of("../other")).teleform("plan", "--out", "FILE"));
        assertEquals("teleform import role/x examples/fleet",
                new CommandHint(HERE.resolve("examples/fleet")).teleform("import role/x"), "below here: as a relative path");
        assertEquals("teleform lock status /elsewhere/stack", new CommandHint(Path.of("/elsewhere/stack")).teleform("lock status"));
    }

    @Test
    void aDirectoryAShellWouldSplitIsQuoted() {
        assertEquals("teleform state list 'my stacks/it'\\''s'", new CommandHint(Path.of("my stacks/it's")).teleform("state list"));
    }
}
