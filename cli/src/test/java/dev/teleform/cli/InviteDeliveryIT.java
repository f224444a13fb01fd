package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.ProcessChecks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invite delivery by a program ({@code spec.invites.deliver}, {@code --invites-exec}) as a CI job meets it: the
 * packaged CLI with no terminal applies the quickstart on the simulator, and each new user's link goes to the
 * program on its stdin. Exit 0 ends the invite; anything else, a hang or a missing program leaves it pending,
 * reported without the link, which reaches no output, state or plan file. The example script of
 * {@code examples/invites} delivers for real, to a throwaway gpg key, and the result decrypts to the link.
 */
class InviteDeliveryIT {

    private static final Pattern LINK = Pattern.compile("https://[^\"\\s]+/web/(?:invite|reset)/[A-Za-z0-9_-]+");

    @TempDir
    Path dir;

    @BeforeEach
    void quickstart() throws IOException {
        CliRun.copyQuickstart(dir, true);
    }

    private void deliverWith(String exec) throws IOException {
        Path stack = dir.resolve("stack.yaml");
        Files.writeString(stack, Files.readString(stack) + "  invites:\n    deliver: " + exec + "\n");
    }

    private Path script(String name, String body) throws IOException {
        return TestFiles.executable(dir.resolve(name), "#!/bin/sh\n" + body);
    }

    private CliRun teleform(String... args) throws IOException, InterruptedException {
        return PackagedCli.run(dir, args);
    }

    private CliRun apply(String... more) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("apply", ".", "--auto-approve"));
        args.addAll(List.of(more));
        return teleform(args.toArray(String[]::new));
    }

    private boolean pending() throws IOException, InterruptedException {
        CliRun shown = teleform("state", "show", "user/example@child", ".");
        assertEquals(0, shown.exit(), shown.err());
        return shown.out().contains("invite_pending");
    }

    /** The link in what a program saved of its stdin. */
    private static String link(Path input) throws IOException {
        Matcher m = LINK.matcher(Files.readString(input));
        assertTrue(m.find(), "the program got a link on stdin: " + Files.readString(input));
        return m.group();
    }

    /** The link, or its token, in no output, no state commit and no plan file. */
    private void nowhereBut(Path input, CliRun... runs) throws IOException, InterruptedException {
        String link = link(input);
        String token = link.substring(link.lastIndexOf('/') + 1);
        for (CliRun run : runs) {
            assertFalse(run.out().contains(token) || run.err().contains(token), "a run printed the link:\n" + run.err());
        }
        Process log = new ProcessBuilder("git", "--git-dir", dir.resolve(".teleform/state.git").toString(), "log",
                "--all", "-p").redirectErrorStream(true).start();
        String history = new String(log.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(log.waitFor(30, TimeUnit.SECONDS) && log.exitValue() == 0, history);
        assertTrue(history.contains("user/example@child") || history.contains("\"example\""), "state was read: " + history);
        assertFalse(history.contains(token), "the link is in state's history");
        CliRun plan = teleform("plan", ".", "--out", "saved.plan");
        assertFalse(Files.readString(dir.resolve("saved.plan"), StandardCharsets.ISO_8859_1).contains(token),
                "the link is in a plan file");
        assertFalse(plan.out().contains(token) || plan.err().contains(token));
    }

    @Test
    void exitZeroDeliversTheLinkAndEndsThePendingInvite() throws Exception {
        script("deliver.sh", "cat > \"$1\"\necho \"delivered to $1\"\n");
        deliverWith("{exec: [./deliver.sh, got.json]}");
        // started elsewhere: the stack's program and its paths are the stack directory's
        CliRun applied = PackagedCli.run(Files.createDirectories(dir.resolve("elsewhere")), "apply", dir.toString(),
                "--auto-approve", "--json-events");

        assertEquals(0, applied.exit(), applied.err());
        assertTrue(applied.err().contains("handed 1 invite link to " + dir.toRealPath().resolve("deliver.sh")),
                applied.err());
        assertTrue(link(dir.resolve("got.json")).contains("/web/invite/"), "the user's invite, made with it");
        assertTrue(applied.out().contains("\"event\":\"invite_created\""), applied.out());
        assertFalse(pending(), "delivered, so no longer pending");
        nowhereBut(dir.resolve("got.json"), applied);
        assertEquals(0, teleform("plan", ".", "--detailed-exitcode").exit(), "nothing left to do");
    }

    @Test
    void anyOtherExitKeepsTheInvitePendingReportedUntilADeliveryWorks() throws Exception {
        Path program = script("deliver.sh", "cat > got.json\necho \"no public key for example\" >&2\nexit 1\n");
        deliverWith("{exec: [./deliver.sh]}");
        CliRun refused = apply();

        assertEquals(0, refused.exit(), "a link not delivered leaves its invite pending; the apply succeeds:\n"
                + refused.err());
        assertTrue(refused.err().contains("user/example@child: its invite link was not delivered ("
                + dir.toRealPath().resolve("deliver.sh") + " exited with status 1: no public key for example); the "
                + "invite stays pending"), refused.err());
        assertTrue(pending(), "pending in state");
        nowhereBut(dir.resolve("got.json"), refused);
        CliRun plan = teleform("plan", ".");
        assertTrue(plan.out().contains("+ invite for user/example@child"), plan.out());

        Files.writeString(program, "#!/bin/sh\ncat > got.json\n");
        CliRun again = apply();
        assertEquals(0, again.exit(), again.err());
        assertTrue(link(dir.resolve("got.json")).contains("/web/reset/"), "the user exists: a reset link");
        assertFalse(pending());
    }

    @Test
    void aProgramThatHangsIsKilledAtItsTimeoutAndTheInviteStaysPending() throws Exception {
        script("hang.sh", "cat > got.json\nsleep 300 &\necho $! > child\nwait\n");
        deliverWith("{exec: [./hang.sh], timeout: 2s}");
        long start = System.nanoTime();
        CliRun hung = apply();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(0, hung.exit(), hung.err());
        assertTrue(hung.err().contains("hang.sh did not finish within 2s and was killed"), hung.err());
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "the run does not hang: " + took);
        assertTrue(pending());
        nowhereBut(dir.resolve("got.json"), hung);
        long child = Long.parseLong(Files.readString(dir.resolve("child")).strip());
        assertTrue(ProcessChecks.gone(child), "its child was killed with it");
    }


    @Test
    void aMissingProgramIsReportedAndNothingIsChanged() throws Exception {
        deliverWith("{exec: [./no-such-deliverer.sh]}");
        CliRun missing = apply();

        assertEquals(1, missing.exit(), missing.err());
        assertTrue(missing.err().contains("spec.invites.deliver.exec: the program ./no-such-deliverer.sh does not "
                + "exist (" + dir.resolve("no-such-deliverer.sh") + "). Nothing was changed."), missing.err());
        CliRun sim = CliRun.sim(Map.of(), dir, "get", "user/example@child");
        assertTrue(sim.exit() != 0, "no user was made: " + sim.out());

        // --invites-out replaces the stack's program for the run, which is then not looked for
        CliRun toFile = apply("--invites-out", dir.resolve("links.jsonl").toString());
        assertEquals(0, toFile.exit(), toFile.err());
        assertTrue(Files.readString(dir.resolve("links.jsonl")).contains("/web/invite/"));
        // a plan that makes no link does not need the program
        Path roles = dir.resolve("roles.yaml");
        Files.writeString(roles, Files.readString(roles).replace("logins: [ubuntu]", "logins: [ubuntu, admin]"));
        CliRun noInvites = apply();
        assertEquals(0, noInvites.exit(), noInvites.err());
        assertTrue(noInvites.out().contains("1 updated"), noInvites.out());
    }

    @Test
    void theCommandLineProgramReplacesTheStacksForOneRunAndRunsWhereTeleformWasStarted() throws Exception {
        deliverWith("{exec: [./no-such-deliverer.sh]}");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        TestFiles.executable(elsewhere.resolve("mine.sh"), "#!/bin/sh\ncat > \"$1\"\n");
        CliRun both = PackagedCli.run(elsewhere, "apply", dir.toString(), "--auto-approve",
                "--invites-exec", "./mine.sh", "--invites-out", dir.resolve("links.jsonl").toString());
        assertEquals(1, both.exit(), "a usage error: " + both.err());
        assertTrue(both.err().contains("--invites-out and --invites-exec each say where invite links go"), both.err());

        CliRun applied = PackagedCli.run(elsewhere, "apply", dir.toString(), "--auto-approve",
                "--invites-exec", "./mine.sh", "--invites-exec", "mine.json");
        assertEquals(0, applied.exit(), applied.err());
        assertTrue(link(elsewhere.resolve("mine.json")).contains("/web/invite/"));
        assertFalse(pending());
    }

    /** examples/invites/deliver.sh as a real delivery: the file it writes is the link, for the user's key only. */
    @Test
    void theExampleScriptEncryptsTheLinkToItsUsersKey() throws Exception {
        Path gnupg = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("GNUPGHOME", gnupg.toString());
        gpg(env, "--batch", "--passphrase", "", "--quick-gen-key", "example <example@example.com>", "ed25519",
                "sign,cert", "never");
        String fingerprint = gpg(env, "--list-keys", "--with-colons").lines().filter(l -> l.startsWith("fpr:"))
                .findFirst().orElseThrow().split(":")[9];
        gpg(env, "--batch", "--passphrase", "", "--quick-add-key", fingerprint, "cv25519", "encr", "never");
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("example.asc"), gpg(env, "--armor", "--export", fingerprint));
        Path script = PackagedCli.REPO.resolve("examples/invites/deliver.sh");
        deliverWith("{exec: [" + script + ", encrypted, ./keys]}");

        CliRun applied = apply();
        assertEquals(0, applied.exit(), applied.err());
        assertFalse(pending());
        Path sealed = dir.resolve("encrypted/child/example.gpg");
        assertTrue(Files.isRegularFile(sealed), applied.err());
        assertFalse(LINK.matcher(Files.readString(sealed, StandardCharsets.ISO_8859_1)).find(), "not in clear");
        String opened = gpg(env, "--batch", "--quiet", "--decrypt", sealed.toString());
        Matcher link = LINK.matcher(opened);
        assertTrue(link.find() && link.group().contains("/web/invite/"), opened);
        assertTrue(opened.contains("Teleform invite for example in cluster child"), opened);
        String token = link.group().substring(link.group().lastIndexOf('/') + 1);
        assertFalse(applied.err().contains(token), "the link is not in the log");


        // without a key for the user the script refuses, so that the invite stays pending
        Process refused = new ProcessBuilder(script.toString(), dir.resolve("encrypted").toString(), keys.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (var stdin = refused.getOutputStream()) {
            stdin.write("{\"user\":\"nokey\",\"cluster\":\"child\",\"url\":\"https://x/web/invite/abc\",\"expires\":\"t\"}"
                    .getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(refused.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(refused.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, refused.exitValue(), said);
        assertTrue(said.contains("no public key for nokey"), said);
        assertTrue(Files.notExists(dir.resolve("encrypted/child/nokey.gpg")));
        ProcessBuilder agent = new ProcessBuilder("gpgconf", "--kill", "gpg-agent").inheritIO();
        agent.environment().putAll(env);
        agent.start().waitFor(30, TimeUnit.SECONDS); // the agent the key generation started
    }

    private String gpg(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gpg"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "gpg " + command + ": " + out);
        return out;
    }
}
