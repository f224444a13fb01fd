package dev.teleform.provider.teleport;

import dev.teleform.engine.provider.ChildProcesses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ToolCommand}: a {@link ProcessBuilder} over the argument list with exactly the given
 * environment, stdin written and closed, stdout and stderr read at the same time (a full pipe would
 * stall the tool), and the whole process tree killed at the timeout.
 */
final class Processes {

    /**
     * Enough for any error tctl or tbot prints. tbot logs before its error, and the error comes last
     * (TELEPORT.md §6), so what is dropped is the start: the end is kept.
     */
    static final int STDERR_CAP = 64 * 1024;
    /** {@code tctl get} of every role of a large cluster is a few MiB; more means something is wrong. */
    static final int STDOUT_CAP = 256 * 1024 * 1024;

    private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();

    private Processes() {}

    static ToolRun run(ToolCommand command) {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new ToolRun.NotStarted(e.getMessage());
        }
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(
                () -> drain(process.getInputStream(), STDOUT_CAP), READERS);
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(
                () -> drainTail(process.getErrorStream(), STDERR_CAP), READERS);
        CompletableFuture<Void> input = CompletableFuture.runAsync(() -> ChildProcesses.feed(process.getOutputStream(),
                command.stdin().orElse(new byte[0])), READERS);
        try {
            if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                ChildProcesses.killTree(process);
                return new ToolRun.TimedOut(command.timeout(),
                        text(stderr.completeOnTimeout(new byte[0], 1, TimeUnit.SECONDS).join()));
            }
            input.join();
            return new ToolRun.Exited(process.exitValue(), stdout.join(), text(stderr.join()));
        } catch (InterruptedException e) {
            ChildProcesses.killTree(process);
            Thread.currentThread().interrupt();
            return new ToolRun.TimedOut(java.time.Duration.ZERO, "interrupted");
        }
    }

    /**
     * Reads to the end, keeping at most {@code cap} bytes. Killing a tool at its timeout closes its streams
     * under this reader ("Stream closed"): what was read by then is all the tool said, not a failure.
     */
    static byte[] drain(InputStream stream, int cap) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                int room = cap - kept.size();
                if (room > 0) {
                    kept.write(buffer, 0, Math.min(room, read));
                }
            }
        } catch (IOException closedUnderUs) {
            return kept.toByteArray();
        }
        return kept.toByteArray();
    }

    /**
     * Reads to the end, keeping at most the last {@code cap} bytes: whatever came first is dropped. A cut
     * through a UTF-8 character drops that character's remaining bytes too.
     */
    static byte[] drainTail(InputStream stream, int cap) {
        byte[] ring = new byte[cap];
        long total = 0;
        byte[] buffer = new byte[8192];
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                for (int i = Math.max(0, read - cap); i < read; i++) {
                    ring[(int) ((total + i) % cap)] = buffer[i];
                }
                total += read;
            }
        } catch (IOException closedUnderUs) {
            // what was read by then is all the tool said
        }
        if (total <= cap) {
            return Arrays.copyOf(ring, (int) total);
        }
        byte[] tail = new byte[cap];
        int start = (int) (total % cap);
        System.arraycopy(ring, start, tail, 0, cap - start);
        System.arraycopy(ring, 0, tail, cap - start, start);
        int from = 0;
        while (from < tail.length && (tail[from] & 0xC0) == 0x80) {
            from++; // a continuation byte: its character's start was cut off
        }
        return Arrays.copyOfRange(tail, from, tail.length);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
