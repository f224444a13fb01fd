package dev.teleform.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.testing.SshGitServer;
import dev.teleform.engine.testing.TestAgent;
import dev.teleform.engine.testing.TestKeys;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * State and its lock kept in an SSH remote ({@link SshGitServer}: Apache MINA sshd on 127.0.0.1 serving a bare
 * repository, as GitHub serves {@code git@github.com:owner/repo.git}), reached with a key file, the key itself, or
 * ssh-agent; a host that is not in known_hosts, a changed host key and a key the server does not take are refused,
 * each saying why and what to do.
 */
class SshRemoteTest {

    @TempDir
    Path dir;

    private SshGitServer server;
    private String url;
    private KeyPair key;
    private Path keyFile;
    private Path knownHosts;

    @BeforeEach
    void serve() throws Exception {
        server = SshGitServer.start(dir.resolve("served"));
        url = server.newRepository("state.git");
        key = SshGitServer.newKey();
        server.authorize(key.getPublic());
        keyFile = Files.writeString(dir.resolve("id_ed25519"), SshGitServer.privateKeyText(key));
        knownHosts = Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private SshAccess access(Optional<SshAccess.Key> withKey, Path hosts) {
        Either<String, SshAccess> access = SshAccess.of(withKey, hosts, Optional.empty());
        assertTrue(access.isRight(), () -> access.getLeft());
        return access.get();
    }

    private GitStateStore store(String cache, SshAccess ssh) throws Exception {
        return GitStateStore.shared(dir.resolve(cache).resolve("state.git"), "main", "prod.json", "prod",
                InstantSource.system(), url, ssh);
    }

    private GitLocks locks(String cache, SshAccess ssh) throws Exception {
        return GitLocks.shared(dir.resolve(cache).resolve("state.git"), "prod", InstantSource.system(), url, ssh,
                LockLease.standard(), HeartbeatSchedule.VIRTUAL_THREAD);
    }

    private static State withRole(State state, String name) {
        Map<Address, ResourceState> resources = new TreeMap<>(state.resources());
        Address address = Address.inParent(ResourceKind.ROLE, name);
        resources.put(address, new ResourceState(address, JsonNodeFactory.instance.objectNode().put("kind", "role"),
                JsonNodeFactory.instance.objectNode(), false));
        return state.next(resources);
    }

    private String headOfServed() throws Exception {
        try (Repository served = new FileRepositoryBuilder().setGitDir(server.path("state.git").toFile()).build()) {
            var head = served.exactRef("refs/heads/main");
            return head == null ? "" : head.getObjectId().name();
        }
    }

    @Test
    void stateAndTheLockLiveInTheSshRemoteReachedWithAKeyFile() throws Exception {
        SshAccess ssh = access(Optional.of(new SshAccess.Key.InFile(keyFile)), knownHosts);
        GitStateStore first = store("runner-a", ssh);
        StateStore.Snapshot empty = first.read().get();
        StateStore.Snapshot written = first.write(withRole(empty.state(), "dev"), empty.version(), "apply").get();
        assertEquals(written.version().orElseThrow(), headOfServed(), "the commit was pushed to the remote");

        GitStateStore second = store("runner-b", ssh);
        assertTrue(second.read().get().state().resources().containsKey(Address.inParent(ResourceKind.ROLE, "dev")),
                "another clone reads it back over SSH");

        GitLocks mine = locks("runner-a", ssh);
        GitLocks theirs = locks("runner-b", ssh);
        try (StateLock held = assertInstanceOf(LockOutcome.Acquired.class, mine.acquire("apply")).lock()) {
            assertInstanceOf(LockOutcome.Held.class, theirs.acquire("apply"), "the lock is the remote's");
            assertTrue(held.check().isEmpty());
        }
        assertInstanceOf(LockOutcome.Acquired.class, theirs.acquire("apply")).lock().close();
    }

    @Test
    void theKeyItselfServesAsWellAndIsNeverShown() throws Exception {
        String text = SshGitServer.privateKeyText(key);
        // as a secret pasted on Windows, or saved without its last line break, may hold it
        SshAccess ssh = access(Optional.of(new SshAccess.Key.Text(text.replace("\n", "\r\n").strip())), knownHosts);
        GitStateStore store = store("inline", ssh);
        StateStore.Snapshot empty = store.read().get();
        assertTrue(store.write(withRole(empty.state(), "dev"), empty.version(), "apply").isRight());

        String other = SshGitServer.privateKeyText(SshGitServer.newKey());
        StateError refused = store("refused", access(Optional.of(new SshAccess.Key.Text(other)), knownHosts))
                .read().getLeft();
        String body = other.lines().skip(1).findFirst().orElseThrow();
        assertFalse(refused.message().contains(body), refused.message());
        assertFalse(new SshAccess.Key.Text(other).toString().contains(body));

        Either<String, SshAccess> garbled = SshAccess.of(Optional.of(new SshAccess.Key.Text(
                text.replace(text.lines().skip(2).findFirst().orElseThrow(), "broken"))), knownHosts, Optional.empty());
        assertTrue(garbled.isLeft());
        assertTrue(garbled.getLeft().contains("is not a private key Teleform can read"), garbled.getLeft());
        for (String line : text.lines().toList()) {
            assertFalse(line.length() > 20 && garbled.getLeft().contains(line), garbled.getLeft());
        }
    }

    @Test
    void aKeyTheServerDoesNotTakeIsRefusedSayingWhichKeyItWas() throws Exception {
        KeyPair stranger = SshGitServer.newKey();
        Path strangerFile = Files.writeString(dir.resolve("id_stranger"), SshGitServer.privateKeyText(stranger));
        StateError refused = store("stranger", access(Optional.of(new SshAccess.Key.InFile(strangerFile)), knownHosts))
                .read().getLeft();
        assertInstanceOf(StateError.StorageFailure.class, refused);
        assertTrue(refused.message().contains("the SSH server did not accept the key in " + strangerFile),
                refused.message());
        assertTrue(refused.message().contains(org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(
                stranger.getPublic())), refused.message());
        assertEquals("", headOfServed(), "nothing was written");
    }

    @Test
    void anUnknownHostIsRefusedNamingItAndHowToAddIt() throws Exception {
        Path empty = Files.writeString(dir.resolve("known_hosts_empty"), "");
        StateError refused = store("unknown", access(Optional.of(new SshAccess.Key.InFile(keyFile)), empty))
                .read().getLeft();
        String host = "[127.0.0.1]:" + server.port();
        assertTrue(refused.message().contains("the SSH host " + host + " is not known"), refused.message());
        assertTrue(refused.message().contains("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + empty),
                refused.message());

        Path missing = dir.resolve("no-such-known_hosts");
        String none = store("none", access(Optional.of(new SshAccess.Key.InFile(keyFile)), missing)).read().getLeft()
                .message();
        assertTrue(none.contains("there is no " + missing), none);
        assertTrue(Files.notExists(missing), "nothing was added to it");
    }

    @Test
    void aHostOfferingAnotherKeyThanKnownIsRefused() throws Exception {
        String impostor = "[127.0.0.1]:" + server.port() + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(SshGitServer.newKey().getPublic());
        Path changed = Files.writeString(dir.resolve("known_hosts_changed"), impostor + "\n");
        StateError refused = store("changed", access(Optional.of(new SshAccess.Key.InFile(keyFile)), changed))
                .read().getLeft();
        assertTrue(refused.message().contains("is not the one " + changed + " has for it"), refused.message());
        assertEquals(impostor + "\n", Files.readString(changed), "known_hosts is left as it was");
    }

    @Test
    void withoutAKeyOfItsOwnTheStackUsesSshAgentsKeys() throws Exception {
        try (TestAgent agent = TestAgent.start(dir.resolve("agent/socket"))) {
            agent.add(SshGitServer.newKey()); // one the server does not take, tried first
            agent.add(key);
            SshAccess ssh = SshAccess.of(Optional.empty(), knownHosts, Optional.of(agent.socket())).get();
            GitStateStore store = store("agent", ssh);
            StateStore.Snapshot empty = store.read().get();
            StateStore.Snapshot written = store.write(withRole(empty.state(), "dev"), empty.version(), "apply").get();
            assertEquals(written.version().orElseThrow(), headOfServed());
        }
    }

    @Test
    void withNeitherAKeyNorAnAgentTheFailureSaysSo() throws Exception {
        String none = store("nothing", access(Optional.empty(), knownHosts)).read().getLeft().message();
        assertTrue(none.contains("the SSH server did not accept any key: no ssh-agent runs (SSH_AUTH_SOCK is not set) "
                + "and spec.state.ssh_key names no key"), none);
        try (TestAgent agent = TestAgent.start(dir.resolve("agent/socket"))) {
            agent.add(SshGitServer.newKey());
            String refused = store("stranger", SshAccess.of(Optional.empty(), knownHosts, Optional.of(agent.socket()))
                    .get()).read().getLeft().message();
            assertTrue(refused.contains("did not accept any key of ssh-agent (SSH_AUTH_SOCK " + agent.socket() + ")"),
                    refused);
        }
    }

    @Test
    void aKeyOfTheStacksOwnIsTheOnlyOneTriedEvenWithAnAgentRunning() throws Exception {
        try (TestAgent agent = TestAgent.start(dir.resolve("agent/socket"))) {
            agent.add(key); // the server would take this one
            Path strangerFile = Files.writeString(dir.resolve("id_stranger"),
                    SshGitServer.privateKeyText(SshGitServer.newKey()));
            SshAccess ssh = SshAccess.of(Optional.of(new SshAccess.Key.InFile(strangerFile)), knownHosts,
                    Optional.of(agent.socket())).get();
            String refused = store("own-key", ssh).read().getLeft().message();
            assertTrue(refused.contains("did not accept the key in " + strangerFile), refused);
        }
    }

    @Test
    void aMissingOrUnreadableKeyFileIsSaidBeforeAnyConnection() throws Exception {
        Path missing = dir.resolve("id_missing");
        String none = SshAccess.of(Optional.of(new SshAccess.Key.InFile(missing)), knownHosts, Optional.empty())
                .getLeft();
        assertTrue(none.contains("there is no file " + missing), none);
        Path notAKey = Files.writeString(dir.resolve("id_text"), "hello\n");
        String garbage = SshAccess.of(Optional.of(new SshAccess.Key.InFile(notAKey)), knownHosts, Optional.empty())
                .getLeft();
        assertTrue(garbage.contains(notAKey + " is not a private key"), garbage);
    }

    @Test
    void aKeyWithAPassphraseIsRefusedPointingToTheAgent() throws Exception {
        var passphrase = new org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext();
        passphrase.setPassword("correct horse");
        passphrase.setCipherName("AES");
        passphrase.setCipherMode("CTR");
        passphrase.setCipherType("256");
        var out = new java.io.ByteArrayOutputStream();
        org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key,
                "teleform-test", passphrase, out);
        String refused = SshAccess.of(Optional.of(new SshAccess.Key.Text(out.toString())), knownHosts,
                Optional.empty()).getLeft();
        assertTrue(refused.contains("is protected by a passphrase, which Teleform cannot ask for; add it to ssh-agent"),
                refused);
    }

    @Test
    void aKeyValueIsTheKeyAndAnythingElseAPath() {
        Path stack = Path.of("/work/stack");
        Path home = Path.of("/home/ci");
        assertEquals(new SshAccess.Key.InFile(Path.of("/home/ci/.ssh/id_ed25519")),
                SshAccess.Key.of("~/.ssh/id_ed25519", stack, home));
        assertEquals(new SshAccess.Key.InFile(Path.of("/work/stack/keys/deploy")),
                SshAccess.Key.of("keys/deploy", stack, home));
        assertEquals(new SshAccess.Key.InFile(Path.of("/etc/deploy")), SshAccess.Key.of("/etc/deploy", stack, home));
        assertInstanceOf(SshAccess.Key.Text.class, SshAccess.Key.of(TestKeys.privateKeyPem(), stack,
                home));
        assertInstanceOf(SshAccess.Key.Text.class, SshAccess.Key.of("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none",
                stack, home), "a key Teleform cannot read is not a path either");
    }

    @Test
    void aKeyEncodedOnOneLineIsNotRepeatedAsAPath() throws Exception {
        String encoded = java.util.Base64.getEncoder().encodeToString(SshGitServer.privateKeyText(key).getBytes());
        String refused = SshAccess.of(Optional.of(SshAccess.Key.of(encoded, dir, dir)), knownHosts, Optional.empty())
                .getLeft();
        assertFalse(refused.contains(encoded.substring(0, 40)), refused);
        assertTrue(refused.startsWith("spec.state.ssh_key: the file it names is not a private key"), refused);
        String longer = encoded.repeat(3); // beyond what a file name may be
        String tooLong = SshAccess.of(Optional.of(SshAccess.Key.of(longer, dir, dir)), knownHosts, Optional.empty())
                .getLeft();
        assertFalse(tooLong.contains(encoded.substring(0, 40)), tooLong);
        assertInstanceOf(SshAccess.Key.Text.class, SshAccess.Key.of("a\0b", dir, dir));
    }
}
