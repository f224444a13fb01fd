package dev.teleform.provider.simulator.store;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulated servers were asked and what came into existence: {@code calls.log}, one line per
 * call ({@code call create role}) and per resource a write created ({@code new role}).
 *
 * <p>Lines are appended with {@code O_APPEND}, one write each, so threads and processes add lines
 * without any lock and none is lost or torn; a process killed with -9 loses nothing the kernel was
 * given. A counter file under a lock would serialise every call of every cluster on one file. The
 * stream is a {@link FileOutputStream}, not a {@code FileChannel}: an interrupted thread would close a
 * channel for every other thread.
 */
public final class CallLog {

    private static final String CALL = "call ";
    private static final String NEW = "new ";

    private final Path file;
    private volatile FileOutputStream stream;

    CallLog(Path file) {
        this.file = file;
    }

    /** Records one call of {@code operation} on {@code kind}. */
    public void call(String operation, String kind) {
        append(CALL + operation + " " + kind + "\n");
    }

    /** Records that a write created a {@code kind} that did not exist. */
    public void created(String kind) {
        append(NEW + kind + "\n");
    }

    /** Calls by operation ({@code create}) and by operation and kind ({@code create role}), in first-seen order. */
    public Map<String, Long> calls() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : lines()) {
            if (line.startsWith(CALL)) {
                String call = line.substring(CALL.length());
                int space = call.indexOf(' ');
                out.merge(space < 0 ? call : call.substring(0, space), 1L, Long::sum);
                out.merge(call, 1L, Long::sum);
            }
        }
        return out;
    }

    /** Resources created by writes, by kind (the presets of a new cluster are not counted). */
    public Map<String, Long> creations() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : lines()) {
            if (line.startsWith(NEW)) {
                out.merge(line.substring(NEW.length()), 1L, Long::sum);
            }
        }
        return out;
    }

    /** Lets go of the file; a later line opens it again. */
    synchronized void close() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // nothing was buffered: every line went to the kernel when it was written
            }
            stream = null;
        }
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void append(String line) {
        try {
            stream().write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a call in " + file, e);
        }
    }

    private FileOutputStream stream() throws IOException {
        FileOutputStream open = stream;
        if (open != null) {
            return open;
        }
        synchronized (this) {
            if (stream == null) {
                Files.createDirectories(file.getParent());
                stream = new FileOutputStream(file.toFile(), true);
            }
            return stream;
        }
    }
}
