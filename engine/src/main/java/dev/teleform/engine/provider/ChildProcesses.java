package dev.teleform.engine.provider;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * What every program Teleform runs (tctl and tbot in a provider, an invite delivery program) needs done the
 * same way: its input written and closed, and, when it must stop, it and everything it started killed.
 */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Kills {@code process} and its descendants (a shell script's children too), and waits briefly for it. */
    public static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes {@code bytes} to a program's standard input, then closes it. */
    public static void feed(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            stdin.write(bytes);
        } catch (IOException e) {
            // it exited without reading all of its input: its exit status says how that went
        }
    }
}
