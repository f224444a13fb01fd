package dev.teleform.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which host keys {@link KnownHosts} takes, asked as JGit asks it ({@code lookup}, then {@code accept}), with keys
 * made when the test runs: only a key the file has for the host, by name, {@code [name]:port} or hashed name, never a
 * {@code @revoked} one, whatever the ssh config and the user would allow; a refusal says why, and the file is never
 * written.
 */
class KnownHostsTest {

    private static final String HOST = "git.example.com";
    /** The address {@link #HOST} resolves to here (TEST-NET-1: never a real host). */
    private static final byte[] IP = {(byte) 192, 0, 2, 7};

    @TempDir
    Path dir;

    private final KeyPair hostKey = newKey();
    private final KeyPair otherKey = newKey();

    @Test
    void aHostNamedWithItsKeyIsAccepted() throws Exception {
        KnownHosts hosts = hosts(HOST + " " + entry(hostKey.getPublic()));
        assertEquals(List.of(hostKey.getPublic()), lookup(hosts, HOST, 22));
        assertTrue(accept(hosts, HOST, 22, hostKey.getPublic()));
        assertEquals(Optional.empty(), hosts.refusal());
    }

    @Test
    void aHostAmongSeveralPatternsOfALineIsAccepted() throws Exception {
        KnownHosts hosts = hosts("other.example.com,*.example.com " + entry(hostKey.getPublic()));
        assertTrue(accept(hosts, HOST, 22, hostKey.getPublic()));
    }

    @Test
    void aHostOffPort22IsKnownOnlyAsHostAndPort() throws Exception {
        KnownHosts onPort = hosts("[" + HOST + "]:2222 " + entry(hostKey.getPublic()));
        assertEquals(List.of(hostKey.getPublic()), lookup(onPort, "[" + HOST + "]:2222", 2222));
        assertTrue(accept(onPort, "[" + HOST + "]:2222", 2222, hostKey.getPublic()));
        assertFalse(accept(onPort, HOST, 22, hostKey.getPublic()), "the entry of port 2222 is not port 22's");

        KnownHosts on22 = hosts(HOST + " " + entry(hostKey.getPublic()));
        assertEquals(List.of(), lookup(on22, "[" + HOST + "]:2222", 2222));
        assertFalse(accept(on22, "[" + HOST + "]:2222", 2222, hostKey.getPublic()), "port 22's is not port 2222's");
        assertEquals(unknown("[" + HOST + "]:2222", hostKey.getPublic(), "ssh-keyscan -p 2222 " + HOST), refusal(on22));
    }

    @Test
    void aHashedHostNameIsMatched() throws Exception {
        KnownHosts hosts = hosts(hashed(HOST) + " " + entry(hostKey.getPublic()) + "\n"
                + hashed("[" + HOST + "]:2222") + " " + entry(otherKey.getPublic()));
        assertEquals(List.of(hostKey.getPublic()), lookup(hosts, HOST, 22));
        assertTrue(accept(hosts, HOST, 22, hostKey.getPublic()));
        assertTrue(accept(hosts, "[" + HOST + "]:2222", 2222, otherKey.getPublic()));
        assertFalse(accept(hosts, "other.example.com", 22, hostKey.getPublic()), "the hash is of one name only");
    }

    @Test
    void anotherKeyThanTheFileHasIsRefusedAndNotAdded() throws Exception {
        String text = "# the state host\n" + HOST + " " + entry(hostKey.getPublic()) + "\n";
        KnownHosts hosts = hostsText(text);
        assertFalse(accept(hosts, HOST, 22, otherKey.getPublic()));
        assertEquals("the SSH host key of " + HOST + " (" + described(otherKey.getPublic()) + ") is not the one "
                + file() + " has for it: the host's key was changed, or this is not " + HOST + ". If its owner "
                + "changed it, replace the old one: ssh-keygen -R '" + HOST + "' -f " + file() + " && ssh-keyscan "
                + HOST + " >> " + file(), refusal(hosts));
        assertEquals(text, Files.readString(file()), "known_hosts is left as it was");
    }

    @Test
    void anUnknownHostIsRefusedAndNotAdded() throws Exception {
        String text = "other.example.com " + entry(hostKey.getPublic()) + "\n";
        KnownHosts hosts = hostsText(text);
        assertEquals(List.of(), lookup(hosts, HOST, 22));
        assertFalse(accept(hosts, HOST, 22, hostKey.getPublic()));
        assertEquals(unknown(HOST, hostKey.getPublic(), "ssh-keyscan " + HOST), refusal(hosts));
        assertEquals(text, Files.readString(file()), "known_hosts is left as it was");
    }

    @Test
    void aKeyKnownForTheAddressTheNameResolvedToIsAccepted() throws Exception {
        KnownHosts hosts = hosts("192.0.2.7 " + entry(hostKey.getPublic()));
        assertEquals(List.of(hostKey.getPublic()), lookup(hosts, HOST, 22));
        assertTrue(accept(hosts, HOST, 22, hostKey.getPublic()));
    }

    @Test
    void aRevokedKeyIsRefusedEvenWhereAnotherLineHasIt() throws Exception {
        KnownHosts hosts = hosts("@revoked * " + entry(hostKey.getPublic()) + "\n"
                + HOST + " " + entry(hostKey.getPublic()) + "\n"
                + HOST + " " + entry(otherKey.getPublic()));
        assertEquals(List.of(hostKey.getPublic(), otherKey.getPublic()), lookup(hosts, HOST, 22));
        assertFalse(accept(hosts, HOST, 22, hostKey.getPublic()));
        assertTrue(refusal(hosts).startsWith("the SSH host key of " + HOST + " ("), refusal(hosts));
        assertTrue(accept(hosts, HOST, 22, otherKey.getPublic()), "a key not revoked still is taken");
    }

    /** As OpenSSH: a revocation holds wherever its line is, not only before the line that would accept the key. */
    @Test
    void aRevokedLineAfterTheLineOfTheKeyStillRefusesIt() throws Exception {
        KnownHosts hosts = hosts(HOST + " " + entry(hostKey.getPublic()) + "\n"
                + "@revoked * " + entry(hostKey.getPublic()));
        assertFalse(accept(hosts, HOST, 22, hostKey.getPublic()));

        KeyPair authority = newKey();
        KnownHosts authorities = hosts("@cert-authority " + HOST + " " + entry(authority.getPublic()) + "\n"
                + "@revoked " + HOST + " " + entry(authority.getPublic()));
        assertFalse(accept(authorities, HOST, 22, certificate(hostKey.getPublic(), authority)));
    }

    /** As OpenSSH: an unknown marker and a port without brackets make no line that names the host. */
    @Test
    void linesOpenSshWouldNotTakeForTheHostAreNotTaken() throws Exception {
        KnownHosts marked = hosts("@trusted " + HOST + " " + entry(hostKey.getPublic()));
        assertEquals(List.of(), lookup(marked, HOST, 22));
        assertFalse(accept(marked, HOST, 22, hostKey.getPublic()));

        KnownHosts unbracketed = hosts(HOST + ":2222 " + entry(hostKey.getPublic()));
        assertFalse(accept(unbracketed, "[" + HOST + "]:2222", 2222, hostKey.getPublic()));
    }

    @Test
    void aRevokedKeyAloneIsNoKnownKey() throws Exception {
        KnownHosts hosts = hosts("@revoked " + HOST + " " + entry(hostKey.getPublic()));
        assertEquals(List.of(), lookup(hosts, HOST, 22));
        assertFalse(accept(hosts, HOST, 22, hostKey.getPublic()));
        assertEquals(unknown(HOST, hostKey.getPublic(), "ssh-keyscan " + HOST), refusal(hosts));
    }

    @Test
    void commentsBlankLinesAndLinesThatAreNoEntryAreSkipped() throws Exception {
        KnownHosts hosts = hostsText("# known hosts\n\n   \n" + "not-an-entry\n" + "broken ssh-ed25519 !!!\n"
                + HOST + " " + entry(hostKey.getPublic()) + " # the state host\n" + "\t\n");
        assertEquals(List.of(hostKey.getPublic()), lookup(hosts, HOST, 22));
        assertTrue(accept(hosts, HOST, 22, hostKey.getPublic()));
    }

    @Test
    void aMissingFileKnowsNoHost() throws Exception {
        KnownHosts hosts = new KnownHosts(file());
        assertEquals(List.of(), lookup(hosts, HOST, 22));
        assertFalse(accept(hosts, HOST, 22, hostKey.getPublic()));
        assertEquals("the SSH host " + HOST + " is not known: there is no " + file() + ", and Teleform trusts no host"
                + " it has not been told of. Check that " + described(hostKey.getPublic()) + " is " + HOST + "'s key"
                + " (its owner publishes it), then add it: ssh-keyscan " + HOST + " >> " + file()
                + " (or name another file with spec.state.known_hosts)", refusal(hosts));
        assertFalse(Files.exists(file()), "no file is made");
    }

    @Test
    void theFileIsReadAtEachCheck() throws Exception {
        KnownHosts hosts = hosts("");
        assertFalse(accept(hosts, HOST, 22, hostKey.getPublic()));
        Files.writeString(file(), HOST + " " + entry(hostKey.getPublic()) + "\n");
        assertTrue(accept(hosts, HOST, 22, hostKey.getPublic()));
        Files.writeString(file(), HOST + " " + entry(otherKey.getPublic()) + "\n");
        assertFalse(accept(hosts, HOST, 22, hostKey.getPublic()));
    }

    @Test
    void aHostCertificateSignedByAnAuthorityTrustedForTheHostIsAccepted() throws Exception {
        KeyPair authority = newKey();
        OpenSshCertificate certificate = certificate(hostKey.getPublic(), authority);
        KnownHosts hosts = hosts("@cert-authority *.example.com " + entry(authority.getPublic()));
        assertEquals(List.of(), lookup(hosts, HOST, 22), "an authority's key is no host key");
        assertTrue(accept(hosts, HOST, 22, certificate));
        assertFalse(accept(hosts, HOST, 22, authority.getPublic()), "the authority's key itself is no host's key");
        assertFalse(accept(hosts, "other.example.org", 22, certificate), "the authority is trusted for its hosts only");
    }

    @Test
    void aHostCertificateIsRefusedWhenItsAuthorityIsNotOneOrRevoked() throws Exception {
        KeyPair authority = newKey();
        OpenSshCertificate certificate = certificate(hostKey.getPublic(), authority);
        assertFalse(accept(hosts(HOST + " " + entry(authority.getPublic())), HOST, 22, certificate),
                "a host key line trusts no certificate");
        assertFalse(accept(hosts(HOST + " " + entry(hostKey.getPublic())), HOST, 22, certificate),
                "a host key line trusts no certificate of that key");
        assertFalse(accept(hosts("@revoked " + HOST + " " + entry(authority.getPublic()) + "\n"
                + "@cert-authority " + HOST + " " + entry(authority.getPublic())), HOST, 22, certificate));
        assertFalse(accept(hosts("@cert-authority " + HOST + " " + entry(authority.getPublic()) + "\n"
                + "@revoked " + HOST + " " + entry(hostKey.getPublic())), HOST, 22, certificate));
    }

    @Test
    void noSshConfigNorUserLoosensTheCheck() throws Exception {
        Path elsewhere = Files.writeString(dir.resolve("other_known_hosts"), HOST + " " + entry(otherKey.getPublic()));
        KnownHosts hosts = hostsText(HOST + " " + entry(hostKey.getPublic()) + "\n");
        ServerKeyDatabase.Configuration loose = new Loose(List.of(elsewhere.toString()));
        CredentialsProvider yes = new YesToAll();
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByAddress(HOST, IP), 22);
        assertEquals(List.of(hostKey.getPublic()), hosts.lookup(HOST, remote, loose));
        assertFalse(hosts.accept(HOST, remote, otherKey.getPublic(), loose, yes));
        assertFalse(hosts.accept("new.example.com", new InetSocketAddress(InetAddress.getByAddress("new.example.com",
                IP), 22), otherKey.getPublic(), loose, yes));
        assertEquals(HOST + " " + entry(hostKey.getPublic()) + "\n", Files.readString(file()));
        assertEquals(HOST + " " + entry(otherKey.getPublic()), Files.readString(elsewhere));
    }

    private Path file() {
        return dir.resolve("known_hosts");
    }

    private KnownHosts hosts(String lines) throws Exception {
        return hostsText(lines + "\n");
    }

    private KnownHosts hostsText(String text) throws Exception {
        Files.writeString(file(), text);
        return new KnownHosts(file());
    }

    private static List<PublicKey> lookup(KnownHosts hosts, String connect, int port) throws Exception {
        return hosts.lookup(connect, new InetSocketAddress(InetAddress.getByAddress(name(connect), IP), port),
                new Loose(List.of()));
    }

    private static boolean accept(KnownHosts hosts, String connect, int port, PublicKey offered) throws Exception {
        return hosts.accept(connect, new InetSocketAddress(InetAddress.getByAddress(name(connect), IP), port), offered,
                new Loose(List.of()), null);
    }

    private static String name(String connect) {
        return connect.startsWith("[") ? connect.substring(1, connect.indexOf(']')) : connect;
    }

    private static String refusal(KnownHosts hosts) {
        return hosts.refusal().orElseThrow();
    }

    private String unknown(String host, PublicKey offered, String scan) {
        return "the SSH host " + host + " is not known: " + file() + " has no key for it, and Teleform trusts no host"
                + " it has not been told of. Check that " + described(offered) + " is " + host + "'s key (its owner"
                + " publishes it), then add it: " + scan + " >> " + file()
                + " (or name another file with spec.state.known_hosts)";
    }

    private static String described(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }

    private static String entry(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /** {@code name} hashed as OpenSSH's {@code HashKnownHosts} writes it: HMAC-SHA1 keyed with a random salt. */
    private static String hashed(String name) throws GeneralSecurityException {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder base64 = Base64.getEncoder();
        return "|1|" + base64.encodeToString(salt) + "|" + base64.encodeToString(hash);
    }

    private static OpenSshCertificate certificate(PublicKey key, KeyPair authority) throws Exception {
        return OpenSshCertificateBuilder.hostCertificate().publicKey(key).serial(1).id("state host")
                .principals(List.of(HOST)).validAfter(Instant.now().minusSeconds(60))
                .validBefore(Instant.now().plusSeconds(3600)).sign(authority);
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make an EC key", e);
        }
    }

    /** An ssh config as loose as one can be: any key taken, another known_hosts file named. */
    private record Loose(List<String> getUserKnownHostsFiles) implements ServerKeyDatabase.Configuration {
        @Override
        public List<String> getGlobalKnownHostsFiles() {
            return getUserKnownHostsFiles;
        }

        @Override
        public StrictHostKeyChecking getStrictHostKeyChecking() {
            return StrictHostKeyChecking.ACCEPT_ANY;
        }

        @Override
        public boolean getHashKnownHosts() {
            return true;
        }

        @Override
        public String getUsername() {
            return "git";
        }
    }

    /** A user who says yes to every question. */
    private static final class YesToAll extends CredentialsProvider {
        @Override
        public boolean isInteractive() {
            return true;
        }

        @Override
        public boolean supports(CredentialItem... items) {
            return true;
        }

        @Override
        public boolean get(URIish uri, CredentialItem... items) {
            for (CredentialItem item : items) {
                if (item instanceof CredentialItem.YesNoType yesNo) {
                    yesNo.setValue(true);
                }
            }
            return true;
        }
    }
}
