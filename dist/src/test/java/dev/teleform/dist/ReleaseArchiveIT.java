package dev.teleform.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.cli.FleetDocuments;
import dev.teleform.engine.testing.SshGitServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive this build made ({@code -Pdist}), unpacked somewhere else than where it was made, run as a
 * user with no JDK runs it: no {@code JAVA_HOME}, and a PATH of only the few tools {@code bin/teleform} itself uses
 * (no {@code java} on it). Every run requires the ahead-of-time cache ({@code -XX:AOTMode=on}: the JVM stops if it
 * cannot use it), so a cache the unpacked archive cannot map, which would otherwise only cost time, fails here.
 */
class ReleaseArchiveIT {

    private static final String VERSION = System.getProperty("teleform.version", "");
    private static final Path ARCHIVE = Path.of(System.getProperty("teleform.archive", "")).toAbsolutePath();
    private static final Path REPO = Path.of(System.getProperty("teleform.repo", "..")).toAbsolutePath().normalize();
    /** What {@code bin/teleform} runs besides the archive's own java. */
    private static final List<String> TOOLS = List.of("bash", "dirname", "readlink");
    /** The budget for the download. */
    private static final long MAX_BYTES = 70L * 1024 * 1024;

    @TempDir
    Path dir;

    private Path home;
    private Path tools;

    @BeforeEach
    void unpack() throws Exception {
        Path place = Files.createDirectories(dir.resolve("opt"));
        Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toString(), "-C", place.toString()).inheritIO().start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar -xzf " + ARCHIVE);
        home = place.resolve("teleform-" + VERSION);
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : TOOLS) {
            Files.createSymbolicLink(tools.resolve(tool), which(tool));
        }
    }

    /** The links to the tools go before JUnit deletes the directory, which warns about each link it finds. */
    @AfterEach
    void removeToolLinks() throws IOException {
        for (String tool : TOOLS) {
            Files.deleteIfExists(tools.resolve(tool));
        }
    }

    @Test
    void appliesTheQuickstartWithNoJdkOnTheMachine() throws Exception {
        Path stack = copy(REPO.resolve("examples/quickstart"), dir.resolve("work/quickstart"));

        Run version = teleform("--version");
        assertEquals(0, version.exit(), version.output());
        assertTrue(version.output().startsWith("teleform " + VERSION + "\nJava 25"), version.output());

        Run validate = teleform("validate", stack.toString());
        assertEquals(0, validate.exit(), validate.output());

        Run apply = teleform("apply", stack.toString(), "--auto-approve");
        assertEquals(0, apply.exit(), apply.output());
        assertTrue(apply.output().contains("workload_cluster/child: active"), apply.output());
        assertTrue(apply.output().contains("Apply complete: 3 created."), apply.output());

        Run list = teleform("state", "list", stack.toString());
        assertEquals(0, list.exit(), list.output());
        assertEquals(List.of("role/workload-cluster-editor", "workload_cluster/child", "role/example@child",
                "user/example@child"), list.output().lines().toList());

        // the user whose invite could not be delivered is still to come: a plan says so, and writes a plan file
        Run plan = teleform("plan", stack.toString(), "--detailed-exitcode", "--out", dir.resolve("q.plan").toString());
        assertEquals(2, plan.exit(), plan.output());
        assertTrue(plan.output().contains("Plan: 1 to create"), plan.output());
    }

    /**
     * The Teleport provider's path: tctl and tbot are processes, here the simulator's stand-ins, which the archive's
     * own teleform writes and which so run on its runtime too.
     */
    @Test
    void appliesThroughTheTeleportProvidersToolsWithNoJdkOnTheMachine() throws Exception {
        Path teleport = Files.createDirectories(dir.resolve("teleport-cloud"));
        Files.writeString(teleport.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: teleport-cloud}
                spec:
                  provider: simulator
                  simulator:
                    dir: .teleform/sim
                    provisioning_delay: 0s
                    aws: {account: "123456789012", arn: "arn:aws:iam::123456789012:role/teleform-sim"}
                """);
        Path identity = dir.resolve("parent-identity");
        Run issued = teleform("sim", "-C", teleport.toString(), "identity", "parent", "--out", identity.toString());
        assertEquals(0, issued.exit(), issued.output());
        Path bin = dir.resolve("stand-ins");
        Run written = teleform("sim", "-C", teleport.toString(), "stand-ins", "--out", bin.toString());
        assertEquals(0, written.exit(), written.output());
        assertTrue(Files.readString(bin.resolve("tctl")).contains(home.resolve("runtime/bin/java").toString()),
                "the stand-ins run on the archive's runtime");

        // the quickstart's documents, with the stack file of a Teleport Cloud reached through tctl and tbot
        Path stack = copy(REPO.resolve("examples/quickstart"), dir.resolve("work/cloud"));
        Files.writeString(stack.resolve("stack.yaml"), FleetDocuments.teleportStack("teleform-sim.teleport.sh:443",
                identity, bin.resolve("tctl").toString(), bin.resolve("tbot").toString()));
        Run apply = teleform("apply", stack.toString(), "--auto-approve");
        assertEquals(0, apply.exit(), apply.output());
        assertTrue(apply.output().contains("workload_cluster/child: joined"), apply.output());
        assertTrue(apply.output().contains("Apply complete: 3 created."), apply.output());
        Run plan = teleform("plan", stack.toString(), "--refresh-only", "--detailed-exitcode");
        assertEquals(0, plan.exit(), "no drift: the live documents read back as applied\n" + plan.output());
    }

    /**
     * State in an SSH remote ({@code ssh://git@127.0.0.1:PORT/state.git}, Apache MINA sshd in this JVM), the deploy key
     * from a sensitive variable: the archive's runtime holds the modules JGit's SSH transport needs, and its jars hold
     * ed25519.
     */
    @Test
    void keepsStateInAnSshRemoteWithNoJdkOnTheMachine() throws Exception {
        try (SshGitServer server = SshGitServer.start(dir.resolve("served"))) {
            String url = server.newRepository("state.git");
            KeyPair key = SshGitServer.newKey();
            server.authorize(key.getPublic());
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n");
            Path stack = copy(REPO.resolve("examples/quickstart"), dir.resolve("work/ssh"));
            Path stackFile = stack.resolve("stack.yaml");
            Files.writeString(stackFile, Files.readString(stackFile)
                    .replace("  provider: simulator\n", "  provider: simulator\n  environment:\n"
                            + "    - {name: STATE_SSH_KEY, sensitive: true}\n")
                    .replace("    repo: .teleform/state.git", "    repo: .teleform/state.git\n    remote: " + url
                            + "\n    ssh_key: ${env:STATE_SSH_KEY}\n    known_hosts: " + knownHosts)
                    .replace("provisioning_delay: 5s", "provisioning_delay: 0s"));
            Map<String, String> withKey = Map.of("STATE_SSH_KEY", SshGitServer.privateKeyText(key));

            Run apply = teleform(withKey, "apply", stack.toString(), "--auto-approve");
            assertEquals(0, apply.exit(), apply.output());
            assertTrue(apply.output().contains("Apply complete: 3 created."), apply.output());
            try (Repository served = new FileRepositoryBuilder().setGitDir(server.path("state.git").toFile()).build()) {
                assertTrue(served.exactRef("refs/heads/main") != null, "state was pushed over SSH");
            }
            Run list = teleform(withKey, "state", "list", stack.toString());
            assertEquals(0, list.exit(), list.output());
            assertEquals(4, list.output().lines().count(), list.output());
        }
    }

    @Test
    void holdsALinkedRuntimeWithinTheBudgetAndACacheOfExactlyItsJars() throws Exception {
        assertTrue(Files.size(ARCHIVE) <= MAX_BYTES, ARCHIVE + ": " + Files.size(ARCHIVE) + " bytes");
        assertFalse(Files.exists(home.resolve("runtime/bin/javac")), "a runtime, not a JDK");
        Set<String> modules = new TreeSet<>();
        for (String line : run(List.of(home.resolve("runtime/bin/java").toString(), "--list-modules"), Map.of())
                .output().lines().toList()) {
            modules.add(line.substring(0, line.indexOf('@')));
        }
        assertTrue(modules.containsAll(Set.of("java.base", "java.management", "jdk.management", "java.sql",
                "java.security.jgss", "java.logging", "java.rmi")), modules::toString);
        assertFalse(modules.contains("java.desktop") || modules.contains("jdk.compiler"), modules::toString);

        // the cache is checked against the jars: one of another time is refused, so the check above is real
        Path jar = home.resolve("lib/app/teleform.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        Run stale = teleform("--version");
        assertNotEquals(0, stale.exit(), stale.output());
        assertTrue(stale.output().contains("Unable to use AOT cache"), stale.output());
    }

    private record Run(int exit, String output) {}

    /** {@code bin/teleform ARGS} with only the tools on PATH, no JAVA_HOME, and the cache required. */
    private Run teleform(String... args) throws Exception {
        return teleform(Map.of(), args);
    }

    /** {@code bin/teleform ARGS} so, with {@code more} in its environment. */
    private Run teleform(Map<String, String> more, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/teleform").toString()));
        command.addAll(List.of(args));
        Map<String, String> environment = new java.util.HashMap<>(Map.of("PATH", tools.toString(), "HOME",
                dir.toString(), "TELEFORM_CACHE_DIR", "", "TELEFORM_JAVA_OPTS", "-XX:AOTMode=on"));
        environment.putAll(more);
        return run(command, environment);
    }

    private Run run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        return new Run(process.exitValue(), output);
    }

    /** Where {@code tool} is on this machine. */
    private static Path which(String tool) {
        for (String entry : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(entry, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no " + tool + " in /usr/bin or /bin");
    }

    /** The files of {@code from}, a stack of one directory, copied to the new directory {@code to}. */
    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }
}
