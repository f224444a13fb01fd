package dev.teleform.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An SSH git server on 127.0.0.1 and a port of its own choosing, in this JVM: Apache MINA sshd (the one JGit's SSH
 * transport is built on) running JGit's upload-pack and receive-pack for the bare repositories under a directory, as
 * GitHub serves {@code git@github.com:owner/repo.git}. It takes only the public keys it is told to, and has an ed25519
 * host key made when it starts.
 */
public final class SshGitServer implements AutoCloseable {

    private final Path served;
    private final SshServer server;
    private final KeyPair hostKey;
    private final List<PublicKey> authorized = new CopyOnWriteArrayList<>();

    private SshGitServer(Path served, SshServer server, KeyPair hostKey) {
        this.served = served;
        this.server = server;
        this.hostKey = hostKey;
    }

    /** Serves the bare repositories under {@code served} (created if needed). */
    public static SshGitServer start(Path served) throws IOException, GeneralSecurityException {
        Files.createDirectories(served);
        KeyPair hostKey = newKey();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        SshGitServer started = new SshGitServer(served, server, hostKey);
        server.setPublickeyAuthenticator((user, key, session) -> "git".equals(user)
                && started.authorized.stream().anyMatch(known -> KeyUtils.compareKeys(known, key)));
        server.setCommandFactory((channel, command) -> started.git(command));
        server.start();
        return started;
    }

    /** A new ed25519 key pair, as {@code ssh-keygen -t ed25519} makes. */
    public static KeyPair newKey() throws GeneralSecurityException {
        return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    }

    /** {@code key}'s private half in the OpenSSH format of {@code ~/.ssh/id_ed25519}, unencrypted. */
    public static String privateKeyText(KeyPair key) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "teleform-test", null, out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Lets the user {@code git} in with {@code key}. */
    public void authorize(PublicKey key) {
        authorized.add(key);
    }

    public int port() {
        return server.getPort();
    }

    /** The known_hosts line of this server, as {@code ssh-keyscan -p PORT 127.0.0.1} prints it. */
    public String knownHostsLine() throws IOException {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** A new empty bare repository {@code name} and its URL. */
    public String newRepository(String name) throws IOException {
        try {
            Git.init().setBare(true).setDirectory(served.resolve(name).toFile()).setInitialBranch("main").call().close();
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
        return "ssh://git@127.0.0.1:" + port() + "/" + name;
    }

    public Path path(String name) {
        return served.resolve(name);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** {@code git-upload-pack '/name.git'} or {@code git-receive-pack '/name.git'}, as git's client sends them. */
    private Command git(String command) {
        String[] words = command.split(" ", 2);
        String path = words.length < 2 ? "" : words[1].replace("'", "").replaceFirst("^/", "");
        return new GitCommand(words[0], served.resolve(path).normalize());
    }

    private final class GitCommand implements Command, Runnable {
        private final String program;
        private final Path repository;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        GitCommand(String program, Path repository) {
            this.program = program;
            this.repository = repository;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread.ofVirtual().name("ssh-git " + program).start(this);
        }

        @Override
        public void run() {
            int status = 0;
            String message = null;
            if (!repository.startsWith(served) || !Files.isDirectory(repository)) {
                exit.onExit(128, "no repository " + repository.getFileName());
                return;
            }
            try (Repository repo = new FileRepositoryBuilder().setGitDir(repository.toFile()).setMustExist(true)
                    .build()) {
                switch (program) {
                    case "git-upload-pack" -> new UploadPack(repo).upload(in, out, err);
                    case "git-receive-pack" -> new ReceivePack(repo).receive(in, out, err);
                    default -> {
                        status = 127;
                        message = "not a git command: " + program;
                    }
                }
            } catch (IOException | RuntimeException e) {
                status = 1;
                message = String.valueOf(e.getMessage());
            }
            try {
                out.flush();
                err.flush();
            } catch (IOException ignored) {
                // the client went away; its side reports
            }
            if (message == null) {
                exit.onExit(status);
            } else {
                exit.onExit(status, message);
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
