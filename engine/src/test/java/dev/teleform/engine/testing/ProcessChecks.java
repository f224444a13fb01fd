package dev.teleform.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What tests of killed programs ask of the system's process table. */
public final class ProcessChecks {

    private ProcessChecks() {
    }

    /** Whether {@code pid} runs: a zombie, killed and not yet reaped by whoever inherited it, does not. */
    public static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || !Files.exists(stat)) {
            return false;
        }
        try {
            String text = Files.readString(stat);
            return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (NoSuchFileException reaped) {
            return false;
        }
    }

    /** Waits up to ten seconds for {@code pid} to be gone; whether it is. */
    public static boolean gone(long pid) throws IOException, InterruptedException {
        for (int i = 0; i < 100 && running(pid); i++) {
            Thread.sleep(100); // killed, it is gone once it is reaped
        }
        return !running(pid);
    }
}
