package dev.teleform.provider.teleport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: small scripts standing in for a tool. */
class ProcessesTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static ToolCommand command(Path binary, Map<String, String> env, String stdin, Duration timeout,
            String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(binary.toString()));
        argv.addAll(List.of(args));
        return new ToolCommand("spec.bootstrap.tctl", argv, env, Optional.ofNullable(stdin)
                .map(text -> text.getBytes(StandardCharsets.UTF_8)), timeout);
    }

    @Test
    void argumentsArriveAsGivenWithNoShellInBetween() throws Exception {
        Path echo = script("echo-args", "for a in \"$@\"; do printf '[%s]' \"$a\"; done");
        var run = (ToolRun.Exited) Processes.run(command(echo, Map.of(), null, Duration.ofSeconds(10),
                "role/$(rm -rf ~)", "a b", "*", "--format=json"));
        assertEquals("[role/$(rm -rf ~)][a b][*][--format=json]", new String(run.stdout(), StandardCharsets.UTF_8));
    }

    @Test
    void theEnvironmentIsExactlyWhatWasGiven() throws Exception {
        var run = (ToolRun.Exited) Processes.run(command(Path.of("/usr/bin/env"), Map.of("ONLY", "this"), null,
                Duration.ofSeconds(10)));
        assertEquals("ONLY=this\n", new String(run.stdout(), StandardCharsets.UTF_8));
    }

    @Test
    void stdinIsWrittenAndBothStreamsAreReadEvenWhenLarge() throws Exception {
        Path cat = script("cat-both", "cat; i=0; while [ $i -lt 20000 ]; do echo \"line $i of noise\" >&2; i=$((i+1)); done;"
                + " exit 3");
        String input = "kind: role\n".repeat(50_000);
        var run = (ToolRun.Exited) Processes.run(command(cat, Map.of(), input, Duration.ofSeconds(30)));
        assertEquals(3, run.status());
        assertEquals(input, new String(run.stdout(), StandardCharsets.UTF_8));
        assertEquals(Processes.STDERR_CAP, run.stderr().length(), "stderr is capped but read to its end");
        assertTrue(run.stderr().endsWith("line 19999 of noise\n"), "the end is kept: tools print their error last");
    }

    @Test
    void aToolThatHangsIsKilledWithItsChildren() throws Exception {
        Path marker = dir.resolve("child-ran-on");
        Path hang = script("hang", "(sleep 3; touch " + marker + ") & echo started >&2; sleep 30");
        long start = System.nanoTime();
        ToolRun run = Processes.run(command(hang, Map.of("PATH", "/usr/bin:/bin"), null, Duration.ofMillis(500)));
        var timedOut = assertInstanceOf(ToolRun.TimedOut.class, run);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
        assertTrue(timedOut.stderr().startsWith("started\n"), timedOut.stderr());
        Thread.sleep(3500);
        assertTrue(Files.notExists(marker), "the tool's own child was killed too");
    }

    @Test
    void outputCutShortByTheKillIsWhatTheToolSaidNotAFailure() {
        // What a reader meets when the kill at the timeout closes the tool's stream while it reads.
        InputStream closedMidway = new SequenceInputStream(
                new ByteArrayInputStream("started\n".getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Stream closed");
                    }
                });
        assertEquals("started\n", new String(Processes.drain(closedMidway, 1024), StandardCharsets.UTF_8));
    }

    @Test
    void aTailCutThroughACharacterDropsWhatIsLeftOfIt() {
        byte[] text = "é and the end".getBytes(StandardCharsets.UTF_8); // é is two bytes
        assertEquals(" and the end", new String(Processes.drainTail(new ByteArrayInputStream(text), text.length - 1),
                StandardCharsets.UTF_8));
        assertEquals("é and the end", new String(Processes.drainTail(new ByteArrayInputStream(text), 1024),
                StandardCharsets.UTF_8));
    }

    @Test
    void aMissingBinaryIsNotStarted() {
        ToolRun run = Processes.run(command(dir.resolve("no-such-tctl"), Map.of(), null, Duration.ofSeconds(1)));
        assertInstanceOf(ToolRun.NotStarted.class, run);
    }
}
