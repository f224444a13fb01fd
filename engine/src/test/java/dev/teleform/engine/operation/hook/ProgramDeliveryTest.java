package dev.teleform.engine.operation.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import io.vavr.control.Either;
import dev.teleform.engine.testing.ProcessChecks;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProgramDeliveryTest {

    private static final String URL = "https://acme.teleport.sh/web/invite/7f3e9a0c5d2b41e8a6c3f0d9b8e7a6c5";
    private static final Invitation ALICE = new Invitation(Address.in(ResourceKind.USER, "alice", "child"),
            URI.create(URL), Instant.parse("2026-12-01T20:00:00Z"));

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private ProgramDelivery delivery(List<String> exec, Duration timeout) {
        Either<String, ProgramDelivery> made = ProgramDelivery.of(exec, dir, Optional.ofNullable(System.getenv("PATH")),
                dir, timeout);
        assertTrue(made.isRight(), () -> made.getLeft());
        return made.get();
    }

    @Test
    void exitZeroIsDeliveredAndTheLinkCameOnStdinAsOneJsonObjectAndNowhereElse() throws IOException {
        script("deliver.sh", "cat > \"$1\"\nprintf '%s\\n' \"$0\" \"$@\" > args\nenv > environment\npwd > where\n");
        Either<String, String> delivered = delivery(List.of("./deliver.sh", "input.json"), Duration.ofSeconds(30))
                .deliver(ALICE);

        assertTrue(delivered.isRight(), () -> delivered.getLeft());
        JsonNode input = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("input.json")));
        assertEquals("alice", input.path("user").asString());
        assertEquals("child", input.path("cluster").asString());
        assertEquals(URL, input.path("url").asString());
        assertEquals("2026-12-01T20:00:00Z", input.path("expires").asString());
        assertEquals(4, input.size());
        assertFalse(Files.readString(dir.resolve("args")).contains("7f3e9a0c"), "not in the arguments");
        assertFalse(Files.readString(dir.resolve("environment")).contains("7f3e9a0c"), "not in the environment");
        assertEquals(dir.toRealPath().toString(), Files.readString(dir.resolve("where")).strip(),
                "it runs in the directory it was given");
    }

    @Test
    void aParentUsersClusterIsEmpty() throws IOException {
        script("deliver.sh", "cat > input.json\n");
        delivery(List.of("./deliver.sh"), Duration.ofSeconds(30)).deliver(new Invitation(
                Address.inParent(ResourceKind.USER, "bob"), URI.create(URL), Instant.EPOCH));
        assertEquals("", JsonMapper.builder().build().readTree(Files.readString(dir.resolve("input.json")))
                .path("cluster").asString("missing"));
    }

    @Test
    void anyOtherExitIsNotDeliveredAndTheReasonQuotesTheProgramWithoutTheLink() throws IOException {
        script("refuse.sh", "cat >&2\necho >&2\necho 'no public key for alice' >&2\nexit 1\n");
        Either<String, String> refused = delivery(List.of("./refuse.sh"), Duration.ofSeconds(30)).deliver(ALICE);

        assertTrue(refused.isLeft());
        assertTrue(refused.getLeft().contains("refuse.sh exited with status 1: "), refused.getLeft());
        assertTrue(refused.getLeft().endsWith("no public key for alice"), refused.getLeft());
        assertFalse(refused.getLeft().contains("7f3e9a0c"), "the link it echoed is cut out: " + refused.getLeft());
        assertTrue(refused.getLeft().contains(ProgramDelivery.CUT), refused.getLeft());
    }

    @Test
    void aProgramThatHangsIsKilledWithWhatItStartedAtTheTimeout() throws IOException, InterruptedException {
        script("hang.sh", "sleep 300 &\necho $! > child\nwait\n");
        long start = System.nanoTime();
        Either<String, String> hung = delivery(List.of("./hang.sh"), Duration.ofMillis(700)).deliver(ALICE);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(hung.isLeft());
        assertTrue(hung.getLeft().contains("did not finish within 700ms and was killed"), hung.getLeft());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "the run does not hang: " + took);
        long child = Long.parseLong(Files.readString(dir.resolve("child")).strip());
        assertTrue(ProcessChecks.gone(child), "its child was killed too");
    }


    @Test
    void aMissingProgramIsReportedBeforeAnyLinkIsMade() throws IOException {
        Either<String, ProgramDelivery> path = ProgramDelivery.of(List.of("./nope.sh"), dir, Optional.of("/usr/bin"),
                dir, Duration.ofSeconds(1));
        assertEquals("the program ./nope.sh does not exist (" + dir.resolve("nope.sh") + ")", path.getLeft());
        Either<String, ProgramDelivery> name = ProgramDelivery.of(List.of("teleform-no-such-deliverer"), dir,
                Optional.of(dir.toString()), dir, Duration.ofSeconds(1));
        assertEquals("the program teleform-no-such-deliverer is not found on PATH; name it by a path such as "
                + "./teleform-no-such-deliverer", name.getLeft());
        Files.writeString(dir.resolve("plain.sh"), "not executable");
        assertTrue(ProgramDelivery.of(List.of("./plain.sh"), dir, Optional.empty(), dir, Duration.ofSeconds(1))
                .getLeft().endsWith("plain.sh is not an executable file"));
        assertTrue(ProgramDelivery.of(List.of("deliver.sh out"), dir, Optional.of(dir.toString()), dir,
                Duration.ofSeconds(1)).getLeft().contains("its arguments are separate words"));
    }

    @Test
    void aBareNameIsFoundOnPathAndAProgramRemovedSinceIsNotDelivered() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path program = script("bin/deliver-invite", "cat > /dev/null\n");
        ProgramDelivery delivery = ProgramDelivery.of(List.of("deliver-invite"), dir, Optional.of("/nonexistent:" + bin),
                dir, Duration.ofSeconds(30)).get();
        assertEquals(program.toAbsolutePath().toString(), delivery.program());
        assertTrue(delivery.deliver(ALICE).isRight());
        Files.delete(program);
        Either<String, String> gone = delivery.deliver(ALICE);
        assertTrue(gone.isLeft() && gone.getLeft().contains("could not be started"), gone.toString());
    }
}
