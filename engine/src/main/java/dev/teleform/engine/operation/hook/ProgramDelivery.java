package dev.teleform.engine.operation.hook;

import dev.teleform.engine.provider.ChildProcesses;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands each invite link to a program ({@code spec.invites.deliver.exec}, or {@code --invites-exec} for one run):
 * one run per link, its argument list as given and no shell, in a fixed working directory, with the environment
 * Teleform was given. The link goes only to the program's stdin, as one JSON object {@code {user, cluster, url,
 * expires}} ({@code cluster} is empty for the parent), then stdin is closed; never to its arguments or
 * environment. Exit 0 is delivered. Any other exit, a run longer than the timeout (killed with everything it
 * started) or a program that cannot start is a link not delivered, whose reason quotes the end of the program's
 * output with the link cut out; the apply then leaves the invite pending.
 */
public final class ProgramDelivery implements InviteDelivery {

    /** Runs at once: links of a fleet do not wait for one another in turn, yet a fleet starts no swarm. */
    static final int RUNS_AT_ONCE = 4;
    /** What is kept of each of stdout and stderr: their end, which says why a program gave up. */
    static final int OUTPUT_CAP = 16 * 1024;
    /** What of the output a reason quotes, from its end. */
    static final int QUOTED = 600;
    static final String CUT = "<link>";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();

    private final List<String> argv;
    private final Path workDir;
    private final Duration timeout;
    private final Semaphore runs = new Semaphore(RUNS_AT_ONCE);

    private ProgramDelivery(List<String> argv, Path workDir, Duration timeout) {
        this.argv = List.copyOf(argv);
        this.workDir = workDir;
        this.timeout = timeout;
    }

    /**
     * A delivery by {@code exec}, checked now, before anything is created: its program is a path with a
     * {@code /} (relative to {@code base}) or a name found on {@code path} (the {@code PATH} variable's value), and
     * must be an executable file.
     *
     * @param workDir where the program runs
     */
    public static Either<String, ProgramDelivery> of(List<String> exec, Path base, Optional<String> path, Path workDir,
            Duration timeout) {
        if (exec.isEmpty() || exec.getFirst().isEmpty()) {
            return Either.left("no program is named");
        }
        String program = exec.getFirst();
        Either<String, Path> found = program.contains("/") ? executable(base.resolve(program).normalize(), program)
                : onPath(program, path);
        return found.map(file -> {
            List<String> argv = new ArrayList<>(exec);
            argv.set(0, file.toString());
            return new ProgramDelivery(argv, workDir, timeout);
        });
    }

    private static Either<String, Path> executable(Path file, String program) {
        if (!Files.exists(file)) {
            return Either.left("the program " + program + " does not exist (" + file + ")"
                    + (program.contains(" ") ? "; its arguments are separate words of the list" : ""));
        }
        if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
            return Either.left("the program " + file + " is not an executable file");
        }
        return Either.right(file.toAbsolutePath());
    }

    private static Either<String, Path> onPath(String program, Optional<String> path) {
        for (String dir : path.orElse("").split(":")) {
            if (!dir.isEmpty()) {
                Path file = Path.of(dir).resolve(program);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Either.right(file.toAbsolutePath());
                }
            }
        }
        return Either.left("the program " + program + " is not found on PATH"
                + (program.contains(" ") ? " (its arguments are separate words of the list)" : "")
                + "; name it by a path such as ./" + program);
    }

    /** The program as it is run, for messages. */
    public String program() {
        return argv.getFirst();
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Either<String, String> deliver(Invitation invitation) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put(invitation.user().kind().kind(), invitation.user().name()); // the field is named by the kind: user
        input.put("cluster", invitation.user().cluster());
        input.put("url", invitation.url().toString());
        input.put("expires", invitation.expires().toString());
        byte[] stdin = JSON.writeValueAsBytes(input);
        try {
            runs.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left("interrupted before " + program() + " ran");
        }
        try {
            return run(stdin, invitation.url().toString());
        } finally {
            runs.release();
        }
    }

    private Either<String, String> run(byte[] stdin, String url) {
        Process process;
        try {
            process = new ProcessBuilder(argv).directory(workDir.toFile()).start();
        } catch (IOException e) {
            return Either.left(program() + " could not be started: " + e.getMessage());
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> tail(process.getInputStream()), READERS);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> tail(process.getErrorStream()), READERS);
        CompletableFuture.runAsync(() -> ChildProcesses.feed(process.getOutputStream(), stdin), READERS);
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            ChildProcesses.killTree(process);
            Thread.currentThread().interrupt();
            return Either.left(program() + " was stopped: the apply was interrupted");
        }
        if (!exited) {
            ChildProcesses.killTree(process);
        }
        // A child it left behind may hold its output open: what was said by shortly after the exit is all we wait for.
        String said = said(out.completeOnTimeout(new byte[0], 2, TimeUnit.SECONDS).join(),
                err.completeOnTimeout(new byte[0], 2, TimeUnit.SECONDS).join(), url);
        if (!exited) {
            return Either.left(program() + " did not finish within "
                    + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms") + " and was killed"
                    + (said.isEmpty() ? "" : ": " + said));
        }
        int status = process.exitValue();
        if (status != 0) {
            return Either.left(program() + " exited with status " + status + (said.isEmpty() ? "" : ": " + said));
        }
        return Either.right(program());
    }

    /** Reads to the end, keeping the last {@link #OUTPUT_CAP} bytes. */
    private static byte[] tail(InputStream stream) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                kept.write(buffer, 0, read);
                if (kept.size() > 2 * OUTPUT_CAP) {
                    byte[] all = kept.toByteArray();
                    kept.reset();
                    kept.write(all, all.length - OUTPUT_CAP, OUTPUT_CAP);
                }
            }
        } catch (IOException closedUnderUs) {
            // killed at its timeout: what was read by then is all it said
        }
        byte[] all = kept.toByteArray();
        return all.length <= OUTPUT_CAP ? all : Arrays.copyOfRange(all, all.length - OUTPUT_CAP, all.length);
    }

    /**
     * The end of what the program printed (stderr, else stdout) on one line, with the link and its token cut out:
     * a program may echo its input.
     */
    static String said(byte[] stdout, byte[] stderr, String url) {
        String text = new String(stderr.length > 0 ? stderr : stdout, StandardCharsets.UTF_8);
        text = cut(text, url);
        String line = String.join(" | ", text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return line.length() <= QUOTED ? line : "..." + line.substring(line.length() - QUOTED);
    }

    private static String cut(String text, String url) {
        String out = text.replace(url, CUT);
        int slash = url.lastIndexOf('/');
        String token = slash < 0 ? "" : url.substring(slash + 1);
        if (token.length() >= 8) {
            out = out.replace(token, CUT);
        }
        String escaped = url.replace("/", "\\/"); // as a JSON writer may print it
        return out.replace(escaped, CUT);
    }
}
