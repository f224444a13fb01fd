package dev.teleform.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the packaged CLI ({@code cli/target/teleform.jar}) as a separate process, the way a user
 * or a CI job does, and approves the whole transcript: command, exit status, stdout and stderr.
 */
class CliEndToEndIT {

    private static final Path REPO = Path.of(System.getProperty("teleform.repo", "..")).toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("teleform.jar", "target/teleform.jar"));
    private static final Path CORPUS = REPO.resolve("engine/src/test/resources/corpus");
    private static final Path STACKS = REPO.resolve("cli/src/test/resources/stacks");

    private static String transcript(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("TELEFORM_DEBUG");
        Process process = builder.start();
        process.getOutputStream().close();
        var stdout = process.getInputStream().readAllBytes();
        var stderr = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "teleform did not finish");
        return "$ teleform " + String.join(" ", args) + "\n"
                + "exit status " + process.exitValue() + "\n"
                + "--- stdout\n" + new String(stdout, StandardCharsets.UTF_8)
                + "--- stderr\n" + new String(stderr, StandardCharsets.UTF_8);
    }

    private static void approve(String name, String transcript) {
        Approvals.verify(transcript, new Options().forFile().withAdditionalInformation(name));
    }

    @Test
    void validatesTheQuickstart() throws Exception {
        approve("quickstart", transcript(REPO.resolve("examples"), "validate", "quickstart"));
    }

    @Test
    void reportsEveryProblemOfABadStack() throws Exception {
        approve("bad-stack", transcript(STACKS, "validate", "bad-stack"));
    }

    @Test
    void refusesAYamlAliasBomb() throws Exception {
        approve("billion-laughs", transcript(CORPUS, "validate", "billion-laughs"));
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws Exception {
        approve("not-utf8", transcript(CORPUS, "validate", "not-utf8"));
    }

    @Test
    void explainsAMissingStackDirectory() throws Exception {
        approve("missing-dir", transcript(STACKS, "validate", "no-such-stack"));
    }

    @Test
    void applyValidatesAndSaysItIsNotAvailableYet() throws Exception {
        approve("apply", transcript(REPO.resolve("examples"), "apply", "quickstart", "--auto-approve"));
    }
}
