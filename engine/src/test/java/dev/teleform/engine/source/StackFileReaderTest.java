package dev.teleform.engine.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFileReaderTest {

    @TempDir
    Path dir;

    private StackFileReader.FileContent read(byte[] bytes, LoadLimits limits) throws IOException {
        Path file = dir.resolve("f.yaml");
        Files.write(file, bytes);
        return new StackFileReader(limits).read(file);
    }

    @Test
    void stripsTheUtf8ByteOrderMark() throws IOException {
        var content = read("\uFEFFkind: role\n".getBytes(StandardCharsets.UTF_8), LoadLimits.DEFAULT);
        assertEquals("role", content.documents().getFirst().text("kind"));
        assertTrue(content.complete());
    }

    @Test
    void namesTheLineAndColumnOfTheFirstByteThatIsNotUtf8() throws IOException {
        var content = read("kind: role\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), LoadLimits.DEFAULT);
        var problem = content.problems().getFirst();
        assertEquals(2, problem.position().line());
        assertEquals(10, problem.position().column());
        assertEquals("file is not valid UTF-8 (byte 0xE9); save it as UTF-8", problem.message());
        assertFalse(content.complete());
    }

    @Test
    void refusesBinaryFiles() throws IOException {
        var content = read(new byte[] {'k', 0, 1}, LoadLimits.DEFAULT);
        assertTrue(content.problems().getFirst().message().startsWith("binary file (NUL byte at offset 1)"));
        assertTrue(content.documents().isEmpty());
    }

    @Test
    void refusesFilesOverTheSizeLimitBeforeReadingThem() throws IOException {
        var content = read(new byte[101], new LoadLimits(100, 64, 10, 10));
        assertEquals("file is 101 bytes; stack files are limited to 100 bytes (split it into several files)",
                content.problems().getFirst().message());
    }
}
