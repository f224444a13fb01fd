package dev.teleform.engine.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * {@code git daemon} on 127.0.0.1 and a free port, serving bare repositories that accept pushes: a
 * remote for tests of shared state, started and stopped by the test.
 */
public final class GitDaemon implements AutoCloseable {

    /**
     * What test classes that start a daemon share: the free port is found, let go and only then bound by the
     * daemon, so two started at once could be given the same one. Such classes hold {@code @ResourceLock(PORTS)}.
     */
    public static final String PORTS = "git daemon ports on 127.0.0.1";

    private final Path served;
    private final Process process;
    private final int port;

    private GitDaemon(Path served, Process process, int port) {
        this.served = served;
        this.process = process;
        this.port = port;
    }

    /** Serves the directory {@code served} (created if needed) once the daemon accepts connections. */
    public static GitDaemon start(Path served) throws IOException, InterruptedException {
        return start(served, true);
    }

    /**
     * Serves {@code served} for fetches only, as a remote whose credential may read and not write: git daemon's
     * default, which refuses every push.
     */
    public static GitDaemon startReadOnly(Path served) throws IOException, InterruptedException {
        return start(served, false);
    }

    private static GitDaemon start(Path served, boolean pushes) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(served);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all",
                pushes ? "--enable=receive-pack" : "--disable=receive-pack",
                "--listen=127.0.0.1", "--port=" + port, "--base-path=" + served, served.toString())
                .redirectErrorStream(true).redirectOutput(served.resolveSibling(pushes ? "git-daemon.log"
                        : "git-daemon-read-only.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new GitDaemon(served, process, port);
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    process.destroyForcibly();
                    throw new IOException("git daemon did not start on port " + port);
                }
                Thread.sleep(50);
            }
        }
    }

    /** The URL of repository {@code name} this daemon serves. */
    public String url(String name) {
        return "git://127.0.0.1:" + port + "/" + name;
    }

    /** A new empty bare repository {@code name} and its URL. */
    public String newRepository(String name) throws IOException {
        try {
            Git.init().setBare(true).setDirectory(served.resolve(name).toFile()).setInitialBranch("main").call().close();
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
        return "git://127.0.0.1:" + port + "/" + name;
    }

    public Path path(String name) {
        return served.resolve(name);
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
