package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.state.GitLocks;
import dev.teleform.engine.state.HeartbeatSchedule;
import dev.teleform.engine.state.LockLease;
import dev.teleform.engine.state.LockOutcome;
import dev.teleform.engine.state.SshAccess;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.testing.SshGitServer;
import dev.teleform.engine.testing.TestAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two checkouts of one stack share state and its lock through an SSH remote, {@code ssh://git@127.0.0.1:PORT/state.git}
 * served by Apache MINA sshd in this JVM, with the deploy key from a sensitive variable (the key itself, as a CI secret
 * holds it, or its file's path) and the server's host key in a known_hosts file: plan and apply work, the lock is the
 * remote's, a host that is not known or a key the server does not take stops the run before Teleport is touched,
 * and the key is never in what Teleform prints or in state.
 */
class SshStateRemoteTest {

    @TempDir
    Path dir;

    private SshGitServer server;
    private String url;
    private KeyPair deployKey;
    private String keyText;
    private Path knownHosts;

    @BeforeEach
    void serve() throws Exception {
        server = SshGitServer.start(dir.resolve("served"));
        url = server.newRepository("state.git");
        deployKey = SshGitServer.newKey();
        server.authorize(deployKey.getPublic());
        keyText = SshGitServer.privateKeyText(deployKey);
        knownHosts = Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** A copy of the quickstart whose state is in the SSH remote, its key from STATE_SSH_KEY. */
    private Path checkout(String name, Path hosts) throws Exception {
        Path stack = Files.createDirectories(dir.resolve(name));
        CliRun.copyQuickstart(stack, true);
        Path stackFile = stack.resolve("stack.yaml");
        Files.writeString(stackFile, Files.readString(stackFile)
                .replace("  provider: simulator\n", "  provider: simulator\n  environment:\n"
                        + "    - {name: STATE_SSH_KEY, sensitive: true}\n")
                .replace("    repo: .teleform/state.git", "    repo: .teleform/state.git\n    remote: " + url
                        + "\n    ssh_key: ${env:STATE_SSH_KEY}\n    known_hosts: " + hosts)
                .replace("dir: .teleform/sim", "dir: " + dir.resolve("teleport"))); // one Teleport for both
        return stack;
    }

    private static Map<String, String> withKey(String key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("STATE_SSH_KEY", key);
        environment.put("TELEFORM_CACHE_DIR", "");
        return environment;
    }

    /** Lines of the key's body long enough to be recognised: none may appear anywhere Teleform writes. */
    private List<String> keyLines() {
        return keyText.lines().filter(line -> line.length() > 16 && !line.startsWith("-----")).toList();
    }

    private void assertNoKeyIn(String what, String text) {
        for (String line : keyLines()) {
            assertFalse(text.contains(line), what + " shows the private key: " + text);
        }
    }

    /** Every file in the served repository's objects and the stack's local cache, and each state file, as text. */
    private String everythingWritten(Path stack) throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path root : List.of(server.path("state.git"), stack)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return all.append(servedState()).toString();
    }

    /** The state file on the remote's main branch, or "" while there is none. */
    private String servedState() throws Exception {
        try (Repository served = new FileRepositoryBuilder().setGitDir(server.path("state.git").toFile()).build();
                RevWalk walk = new RevWalk(served)) {
            var head = served.exactRef("refs/heads/main");
            if (head == null) {
                return "";
            }
            try (TreeWalk file = TreeWalk.forPath(served, "quickstart.json", walk.parseCommit(head.getObjectId())
                    .getTree())) {
                ObjectId blob = file.getObjectId(0);
                return new String(served.open(blob).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void planAndApplyKeepStateAndTheLockInTheSshRemote() throws Exception {
        Path first = checkout("runner-a", knownHosts);
        Path second = checkout("runner-b", knownHosts);
        Path keyFile = Files.writeString(dir.resolve("deploy_key"), keyText);

        CliRun plan = CliRun.in(withKey(keyText), "plan", first.toString());
        assertEquals(0, plan.exit(), plan.err());
        CliRun apply = CliRun.in(withKey(keyText), "apply", first.toString(), "--auto-approve", "--invites-out",
                dir.resolve("invites.jsonl").toString());
        assertEquals(0, apply.exit(), apply.out() + apply.err());
        assertTrue(servedState().contains("\"quickstart\""), "state was pushed to the SSH remote: " + servedState());

        CliRun fromFile = CliRun.in(withKey(keyFile.toString()), "plan", second.toString(), "--detailed-exitcode");
        assertEquals(0, fromFile.exit(), "the other runner, with the key's file, sees the same state: "
                + fromFile.out() + fromFile.err());

        SshAccess access = SshAccess.of(Optional.of(new SshAccess.Key.InFile(keyFile)), knownHosts, Optional.empty())
                .get();
        GitLocks elsewhere = GitLocks.shared(dir.resolve("runner-c/state.git"), "quickstart", InstantSource.system(),
                url, access, LockLease.standard(), HeartbeatSchedule.VIRTUAL_THREAD);
        try (StateLock held = ((LockOutcome.Acquired) elsewhere.acquire("apply")).lock()) {
            CliRun locked = CliRun.in(withKey(keyText), "apply", second.toString(), "--auto-approve");
            assertEquals(3, locked.exit(), locked.err());
            assertTrue(locked.err().contains("the stack is locked: apply by"), locked.err());
            assertNoKeyIn("the lock message", locked.out() + locked.err());
        }
        CliRun released = CliRun.in(withKey(keyText), "apply", second.toString(), "--auto-approve");
        assertEquals(0, released.exit(), released.out() + released.err());

        CliRun list = CliRun.in(withKey(keyText), "state", "list", first.toString());
        assertEquals(4, list.out().lines().count(), list.out() + list.err());
        for (CliRun run : List.of(plan, apply, fromFile, released, list)) {
            assertNoKeyIn("output", run.out() + run.err());
        }
        assertNoKeyIn("state, its caches or the stack's files", everythingWritten(first) + everythingWritten(second));
    }

    @Test
    void withoutSshKeyTheAgentOfSshAuthSockSignsAndHomesKnownHostsAreChecked() throws Exception {
        Path stack = Files.createDirectories(dir.resolve("laptop"));
        CliRun.copyQuickstart(stack, true);
        Path stackFile = stack.resolve("stack.yaml");
        Files.writeString(stackFile, Files.readString(stackFile)
                .replace("    repo: .teleform/state.git", "    repo: .teleform/state.git\n    remote: " + url)
                .replace("dir: .teleform/sim", "dir: " + dir.resolve("teleport")));
        Path home = Files.createDirectories(dir.resolve("home/.ssh")).getParent();
        Map<String, String> environment = new HashMap<>(Map.of("HOME", home.toString(), "TELEFORM_CACHE_DIR", ""));
        try (TestAgent agent = TestAgent.start(dir.resolve("agent/socket"))) {
            agent.add(deployKey);
            environment.put("SSH_AUTH_SOCK", agent.socket().toString());

            CliRun unknown = CliRun.in(environment, "plan", stack.toString());
            assertEquals(1, unknown.exit(), unknown.err());
            assertTrue(unknown.err().contains("there is no " + home.resolve(".ssh/known_hosts")), unknown.err());

            Files.copy(knownHosts, home.resolve(".ssh/known_hosts"));
            CliRun apply = CliRun.in(environment, "apply", stack.toString(), "--auto-approve", "--invites-out",
                    dir.resolve("invites.jsonl").toString());
            assertEquals(0, apply.exit(), apply.out() + apply.err());
            assertTrue(servedState().contains("\"quickstart\""), servedState());
        }
    }

    @Test
    void anUnknownHostStopsTheRunNamingItAndHowToAddIt() throws Exception {
        Path empty = Files.writeString(dir.resolve("known_hosts_empty"), "");
        Path stack = checkout("unknown-host", empty);
        CliRun apply = CliRun.in(withKey(keyText), "apply", stack.toString(), "--auto-approve");
        assertEquals(1, apply.exit(), apply.out() + apply.err());
        assertTrue(apply.err().contains("the SSH host [127.0.0.1]:" + server.port() + " is not known"), apply.err());
        assertTrue(apply.err().contains("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + empty), apply.err());
        assertEquals("", Files.readString(empty), "nothing is added to known_hosts");
        assertTrue(Files.notExists(dir.resolve("teleport/clusters/child")), "Teleport was not touched");
        assertEquals("", servedState());
        assertNoKeyIn("output", apply.out() + apply.err());
    }

    @Test
    void aKeyTheServerDoesNotTakeStopsTheRunWithoutShowingIt() throws Exception {
        Path stack = checkout("wrong-key", knownHosts);
        String wrong = SshGitServer.privateKeyText(SshGitServer.newKey());
        CliRun apply = CliRun.in(withKey(wrong), "apply", stack.toString(), "--auto-approve");
        assertEquals(1, apply.exit(), apply.out() + apply.err());
        assertTrue(apply.err().contains("the SSH server did not accept the key of spec.state.ssh_key (ssh-ed25519 "
                + "SHA256:"), apply.err());
        for (String line : wrong.lines().filter(line -> line.length() > 16 && !line.startsWith("-----")).toList()) {
            assertFalse((apply.out() + apply.err()).contains(line), apply.err());
        }
        assertTrue(Files.notExists(dir.resolve("teleport/clusters/child")), "Teleport was not touched");

        CliRun garbled = CliRun.in(withKey(wrong.replace(wrong.lines().skip(2).findFirst().orElseThrow(), "x")),
                "plan", stack.toString());
        assertEquals(1, garbled.exit(), garbled.err());
        assertTrue(garbled.err().contains("spec.state.ssh_key: its value is not a private key Teleform can read"),
                garbled.err());
    }
}
