package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links appended at once, as a fleet's user creates deliver them: each whole, each once. */
class InviteFileTest {

    @TempDir
    Path dir;

    @Test
    void linksAppendedAtOnceAreEachWrittenWholeAndOnce() throws Exception {
        InviteFile file = InviteFile.open(dir.resolve("links.jsonl")).get();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> appenders = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String line = "{\"address\":\"user/u" + i + "@c\",\"url\":\"https://example.invalid/" + "x".repeat(i) + "\"}";
            appenders.add(Thread.ofVirtual().start(() -> {
                try {
                    file.append(line);
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread appender : appenders) {
            appender.join();
        }

        assertEquals(List.of(), List.copyOf(failures));
        List<String> lines = Files.readAllLines(file.path()).stream().sorted().toList();
        assertEquals(IntStream.range(0, 200).mapToObj(i -> "{\"address\":\"user/u" + i + "@c\",\"url\":"
                + "\"https://example.invalid/" + "x".repeat(i) + "\"}").sorted().toList(), lines);
    }

    @Test
    void aLinkThatCouldNotBeWrittenIsNotDelivered() throws Exception {
        InviteFile file = InviteFile.open(dir.resolve("links.jsonl")).get();
        Files.delete(file.path());
        Files.createDirectory(file.path());

        assertThrows(IOException.class, () -> file.append("{\"address\":\"user/u@c\"}"));
        file.path().toFile().delete();
        Files.createFile(file.path());
        file.append("{\"address\":\"user/v@c\"}");
        assertEquals(List.of("{\"address\":\"user/v@c\"}"), Files.readAllLines(file.path()),
                "a later append writes again");
    }
}
