package dev.teleform.engine.state;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * The SSH host keys Teleform trusts: those in one known_hosts file, checked strictly. A host that is not in it, or
 * offers another key than the file has, is refused, never added: state is trusted to whoever answers as the remote,
 * and a CI runner has nobody to ask. Lines are read and matched by OpenSSH's rules (host patterns, hashed names,
 * {@code [host]:port}, {@code @revoked}, {@code @cert-authority}) with Apache MINA sshd's public known_hosts classes,
 * not JGit's internal ones, which promise nothing from one release to the next. What is Teleform's is that nothing in
 * a user's ssh config can loosen the check (the {@link Configuration} JGit passes is not consulted), and that a
 * refusal says how to fix it. The file is read at each check: an edit counts from the next connection on.
 */
final class KnownHosts implements ServerKeyDatabase {

    /** The marker of a key that must never be taken for the hosts of its line. */
    private static final String REVOKED = "revoked";
    /** The marker of a key that signs host certificates of the hosts of its line; no host's key itself. */
    private static final String CERT_AUTHORITY = "cert-authority";
    private static final int SSH_PORT = 22;

    private final Path file;
    /** Why the last host key was refused, for the message of the failure that follows. */
    private final AtomicReference<String> refusal = new AtomicReference<>();

    KnownHosts(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * The host's keys in the file, neither revoked nor an authority's, as JGit's own check listed them: JGit offers
     * their kinds first when it agrees on a host key kind with the server.
     */
    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return hostKeys(read(), names(connectAddress, remoteAddress));
    }

    /**
     * Whether {@code serverKey} is one the file has for the host and does not revoke. {@code config} (the user's ssh
     * config) and {@code provider} (a user to ask) are not consulted: nothing turns a refusal into a question or an
     * addition to the file.
     */
    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        List<Line> lines = read();
        List<Name> names = names(connectAddress, remoteAddress);
        if (trusted(lines, names, serverKey)) {
            return true;
        }
        refusal.set(why(connectAddress, serverKey, !hostKeys(lines, names).isEmpty()));
        return false;
    }

    /**
     * Whether the file trusts {@code offered} for the host. A host certificate is trusted when an
     * {@code @cert-authority} line of the host has the key that signed it, as OpenSSH and JGit's own check trust it:
     * sshd has checked the certificate before it asks (signed by that key, a host certificate, valid now, naming the
     * host if it names any), and a certificate that fails it either ends the connection or is handed on as its bare
     * key, which then needs a line of its own. A revocation holds wherever its line is in the file, for the key and,
     * for a certificate, for its key and its authority's.
     */
    private static boolean trusted(List<Line> lines, List<Name> names, PublicKey offered) {
        if (offered instanceof OpenSshCertificate certificate) {
            PublicKey authority = certificate.getCaPubKey();
            return has(lines, names, CERT_AUTHORITY, authority) && !has(lines, names, REVOKED, authority)
                    && !has(lines, names, REVOKED, certificate.getCertPubKey());
        }
        return has(lines, names, null, offered) && !has(lines, names, REVOKED, offered);
    }

    /** Whether a line of the host with {@code marker} ({@code null}: none) has {@code key}. */
    private static boolean has(List<Line> lines, List<Name> names, String marker, PublicKey key) {
        return lines.stream().anyMatch(line -> Objects.equals(line.entry().getMarker(), marker) && line.isFor(names)
                && KeyUtils.compareKeys(line.key(), key));
    }

    private static List<PublicKey> hostKeys(List<Line> lines, List<Name> names) {
        return lines.stream().filter(line -> line.entry().getMarker() == null && line.isFor(names))
                .map(Line::key).toList();
    }

    /**
     * The file's lines that are entries with a key of a kind sshd knows, read now. A line that is none is skipped,
     * as OpenSSH skips it (sshd's own file reader would give up on the whole file); a line with a marker other than
     * {@code @revoked} and {@code @cert-authority} is kept but never matches, as OpenSSH ignores it. Without a file
     * to read no host is known, which {@link #why} then says.
     */
    private List<Line> read() {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
        List<Line> lines = new ArrayList<>();
        for (String written : text) {
            int comment = written.indexOf('#');
            String line = (comment < 0 ? written : written.substring(0, comment)).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line);
                PublicKey key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                if (key != null) {
                    lines.add(new Line(entry, key));
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // not an entry: skipped, like the blank and comment lines
            }
        }
        return lines;
    }

    /**
     * The names a line may give the host by, as JGit's own check took them: the name connected to
     * ({@code connectAddress}: {@code name} on port 22, {@code [name]:port} off it), the remote's, and the address
     * it resolved to, so that a line naming the IP address counts too.
     */
    private static List<Name> names(String connectAddress, InetSocketAddress remote) {
        List<Name> names = new ArrayList<>();
        Name.parse(connectAddress).ifPresent(names::add);
        names.add(new Name(remote.getHostString(), remote.getPort()));
        if (!remote.isUnresolved()) {
            names.add(new Name(remote.getAddress().getHostAddress(), remote.getPort()));
        }
        return names;
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

    /** A known_hosts line: its entry (marker, host patterns or hashed name) and its key. */
    private record Line(KnownHostEntry entry, PublicKey key) {
        boolean isFor(List<Name> names) {
            return names.stream().anyMatch(name -> entry.isHostMatch(name.host(), name.port()));
        }
    }

    private record Name(String host, int port) {
        /** {@code name}, or {@code [name]:port}, as JGit gives the address it connected to; empty if it is neither. */
        static Optional<Name> parse(String address) {
            if (!address.startsWith("[")) {
                return address.isEmpty() ? Optional.empty() : Optional.of(new Name(address, SSH_PORT));
            }
            int end = address.indexOf("]:");
            if (end <= 1) {
                return Optional.empty();
            }
            try {
                int port = Integer.parseInt(address.substring(end + 2));
                return port > 0 && port <= 0xFFFF ? Optional.of(new Name(address.substring(1, end), port))
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
