package dev.teleform.engine.state;

import io.vavr.control.Either;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * How Teleform signs in to an SSH state remote ({@code git@host:path}, {@code ssh://}) and which host it trusts to be
 * that remote: the private key of {@code spec.state.ssh_key} if the stack names one (then only that key), else the
 * keys of {@code ssh-agent}; host keys from one known_hosts file, checked strictly ({@link KnownHosts}). Teleform reads
 * no {@code ~/.ssh/config} and no {@code ~/.ssh/id_*}: the URL and the stack say everything, so a laptop and a CI
 * runner connect alike. The key is held in memory only; no message names more of it than its type and fingerprint.
 */
public final class SshAccess {

    /** A private key as {@code spec.state.ssh_key} gives it. */
    public sealed interface Key {
        /** The key itself (OpenSSH or PEM), as a sensitive variable holds it. */
        record Text(String text) implements Key {
            @Override
            public String toString() {
                return "Text[(sensitive)]";
            }
        }

        /** The file holding it. */
        record InFile(Path path) implements Key {}

        /**
         * What {@code written} is: the key itself when it holds a PEM or OpenSSH armour line or spans lines (a key
         * in a format Teleform cannot read must still never be taken for a path, which messages show), else a file's
         * path, relative to {@code dir} unless absolute, {@code ~/} meaning {@code home}.
         */
        static Key of(String written, Path dir, Path home) {
            if (written.contains("-----BEGIN") || written.strip().contains("\n")) {
                return new Text(written);
            }
            try {
                return new InFile(path(written.strip(), dir, home));
            } catch (InvalidPathException e) {
                return new Text(written); // no path: then it can only be meant as the key
            }
        }
    }

    /** The file {@code written} names: relative to {@code dir} unless absolute, {@code ~/} meaning {@code home}. */
    public static Path path(String written, Path dir, Path home) {
        if (written.equals("~") || written.startsWith("~/")) {
            return home.resolve(written.substring(Math.min(2, written.length())));
        }
        return dir.resolve(written);
    }

    /** The longest key file path a message repeats. */
    private static final int PATH_SHOWN = 200;

    private final List<KeyPair> keys;
    /** Where the key came from, for messages: never the key. */
    private final String keySource;
    private final KnownHosts knownHosts;
    private final Optional<Path> agent;
    private final SshdSessionFactory sessions;

    private SshAccess(List<KeyPair> keys, String keySource, KnownHosts knownHosts, Optional<Path> agent) {
        this.keys = List.copyOf(keys);
        this.keySource = keySource;
        this.knownHosts = knownHosts;
        this.agent = agent;
        this.sessions = new Sessions();
    }

    /**
     * Access with {@code key} (empty: the agent's keys), trusting the hosts in {@code knownHosts}; {@code agent} is
     * ssh-agent's socket ({@code SSH_AUTH_SOCK}), empty where none runs. Fails when the key cannot be read.
     */
    public static Either<String, SshAccess> of(Optional<Key> key, Path knownHosts, Optional<Path> agent) {
        if (key.isEmpty()) {
            return Either.right(new SshAccess(List.of(), "", new KnownHosts(knownHosts), agent));
        }
        return load(key.get()).map(loaded -> new SshAccess(loaded, describe(key.get(), loaded),
                new KnownHosts(knownHosts), Optional.empty()));
    }

    /** This process's access: ssh-agent if {@code SSH_AUTH_SOCK} names it, the hosts of ~/.ssh/known_hosts. */
    public static SshAccess standard() {
        return new SshAccess(List.of(), "", new KnownHosts(defaultKnownHosts(Path.of(System.getProperty("user.home")))),
                Optional.ofNullable(System.getenv("SSH_AUTH_SOCK")).filter(s -> !s.isBlank()).map(Path::of));
    }

    /** {@code ~/.ssh/known_hosts} of the user whose home is {@code home}. */
    public static Path defaultKnownHosts(Path home) {
        return home.resolve(".ssh").resolve("known_hosts");
    }

    /** Gives an SSH transport this access; other transports are left as they are. */
    void prepare(Transport transport) {
        if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(sessions);
        }
    }

    /**
     * What a failure whose message is {@code message} means, when it is SSH's: the host key refused (JGit says only
     * that it "did not validate"), or the key the server did not take (JGit lists each key it tried); empty when it
     * is something else, whose message then stands as it is.
     */
    Optional<String> explain(String message) {
        Optional<String> refused = knownHosts.refusal();
        if (refused.isPresent() && message.contains("did not validate")) {
            return refused;
        }
        if (message.contains("Cannot log in") || message.contains("No more authentication methods")) {
            return Optional.of("the SSH server did not accept " + (keys.isEmpty() ? agentSource() : keySource)
                    + ": check that it has the public key (on GitHub: a deploy key of the state repository, with write"
                    + " access), and the user in the URL (git@ on GitHub)");
        }
        return Optional.empty();
    }

    private String agentSource() {
        return agent.map(path -> "any key of ssh-agent (SSH_AUTH_SOCK " + path + ")")
                .orElse("any key: no ssh-agent runs (SSH_AUTH_SOCK is not set) and spec.state.ssh_key names no key");
    }

    private static String describe(Key key, List<KeyPair> loaded) {
        String which = loaded.stream().map(pair -> KeyUtils.getKeyType(pair.getPublic()) + " "
                + KeyUtils.getFingerPrint(pair.getPublic())).reduce((a, b) -> a + ", " + b).orElse("");
        return switch (key) {
            case Key.Text text -> "the key of spec.state.ssh_key (" + which + ")";
            case Key.InFile file -> "the key in " + file.path() + " (" + which + ")";
        };
    }

    private static Either<String, List<KeyPair>> load(Key key) {
        String where = switch (key) {
            case Key.Text text -> "spec.state.ssh_key";
            case Key.InFile file -> file.path().toString();
        };
        AtomicBoolean encrypted = new AtomicBoolean();
        FilePasswordProvider noPassphrase = (session, resource, retry) -> {
            encrypted.set(true);
            return null;
        };
        try (InputStream in = switch (key) {
            case Key.Text text -> new ByteArrayInputStream(text.text().getBytes(StandardCharsets.UTF_8));
            case Key.InFile file -> Files.newInputStream(file.path());
        }) {
            List<KeyPair> loaded = new ArrayList<>();
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(where), in,
                    noPassphrase);
            if (pairs != null) {
                pairs.forEach(loaded::add);
            }
            if (loaded.isEmpty()) {
                return Either.left(unreadable(where, encrypted.get()));
            }
            return Either.right(loaded);
        } catch (NoSuchFileException e) {
            // A path that long is more likely a key in some encoding than a path: it is not repeated.
            return Either.left("spec.state.ssh_key: there is no file " + (where.length() > PATH_SHOWN ? "of that name"
                    : where) + " (give the path of a private key file, or the key itself from a sensitive variable)");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The parser's own message may quote what it read: only its kind is told.
            return Either.left(unreadable(where, encrypted.get()));
        }
    }

    private static String unreadable(String where, boolean encrypted) {
        if (encrypted) {
            return "spec.state.ssh_key: the key in " + where + " is protected by a passphrase, which Teleform cannot "
                    + "ask for; add it to ssh-agent (ssh-add) and leave spec.state.ssh_key out, or use a key without one";
        }
        return "spec.state.ssh_key: " + (where.equals("spec.state.ssh_key") ? "its value"
                : where.length() > PATH_SHOWN ? "the file it names" : where) + " is not a private key Teleform can "
                + "read (an OpenSSH or PEM private key: ed25519, ECDSA or RSA)";
    }

    /** JGit's SSH sessions, made with this access and nothing of the user's ssh setup. */
    private final class Sessions extends SshdSessionFactory {

        @Override
        protected File getSshConfig(File sshDir) {
            return null;
        }

        @Override
        protected ServerKeyDatabase getServerKeyDatabase(File homeDir, File sshDir) {
            return knownHosts;
        }

        @Override
        protected Iterable<KeyPair> getDefaultKeys(File sshDir) {
            return keys;
        }

        @Override
        protected List<Path> getDefaultIdentities(File sshDir) {
            return List.of();
        }

        @Override
        protected ConnectorFactory getConnectorFactory() {
            return keys.isEmpty() ? new AgentSocket(agent) : null;
        }

        @Override
        protected String getDefaultPreferredAuthentications() {
            return "publickey";
        }
    }
}
