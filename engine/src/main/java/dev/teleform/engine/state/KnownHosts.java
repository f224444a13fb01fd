package dev.teleform.engine.state;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.internal.transport.sshd.OpenSshServerKeyDatabase;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * The SSH host keys Teleform trusts: those in one known_hosts file, checked strictly. A host that is not in it, or
 * offers another key than the file has, is refused, never added: state is trusted to whoever answers as the remote,
 * and a CI runner has nobody to ask. The matching (hashed names, {@code [host]:port}, {@code @revoked},
 * {@code @cert-authority}) is JGit's own, OpenSSH's rules; what is Teleform's is that nothing in a user's ssh config
 * can loosen it, and that a refusal says how to fix it.
 */
final class KnownHosts implements ServerKeyDatabase {

    private final Path file;
    private final OpenSshServerKeyDatabase database;
    /** Why the last host key was refused, for the message of the failure that follows. */
    private final AtomicReference<String> refusal = new AtomicReference<>();

    KnownHosts(Path file) {
        this.file = file;
        this.database = new OpenSshServerKeyDatabase(false, List.of(file));
    }

    Path file() {
        return file;
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return database.lookup(connectAddress, remoteAddress, new Strict(config.getUsername()));
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        Strict strict = new Strict(config.getUsername());
        if (database.accept(connectAddress, remoteAddress, serverKey, strict, null)) {
            return true;
        }
        refusal.set(why(connectAddress, serverKey, !database.lookup(connectAddress, remoteAddress, strict).isEmpty()));
        return false;
    }

    /** Why the last host key was refused, if one was. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal.get());
    }

    /**
     * @param host  {@code host}, or {@code [host]:port} off port 22, as known_hosts writes it
     * @param known whether the file has other keys for that host
     */
    private String why(String host, PublicKey offered, boolean known) {
        String key = KeyUtils.getKeyType(offered) + " " + KeyUtils.getFingerPrint(offered);
        String name = host.startsWith("[") ? host.substring(1, host.indexOf(']')) : host;
        String scan = "ssh-keyscan " + (host.startsWith("[") ? "-p " + host.substring(host.indexOf("]:") + 2) + " " : "")
                + name + " >> " + file;
        if (known) {
            return "the SSH host key of " + host + " (" + key + ") is not the one " + file + " has for it: the host's "
                    + "key was changed, or this is not " + host + ". If its owner changed it, replace the old one: "
                    + "ssh-keygen -R '" + host + "' -f " + file + " && " + scan;
        }
        return "the SSH host " + host + " is not known: " + (Files.exists(file) ? file + " has no key for it"
                : "there is no " + file) + ", and Teleform trusts no host it has not been told of. Check that " + key
                + " is " + host + "'s key (its owner publishes it), then add it: " + scan
                + " (or name another file with spec.state.known_hosts)";
    }

    /** The checking Teleform wants, whatever an ssh config says: only a key the file has for the host. */
    private record Strict(String getUsername) implements Configuration {
        @Override
        public List<String> getUserKnownHostsFiles() {
            return List.of();
        }

        @Override
        public List<String> getGlobalKnownHostsFiles() {
            return List.of();
        }

        @Override
        public StrictHostKeyChecking getStrictHostKeyChecking() {
            return StrictHostKeyChecking.REQUIRE_MATCH;
        }

        @Override
        public boolean getHashKnownHosts() {
            return false;
        }
    }
}
