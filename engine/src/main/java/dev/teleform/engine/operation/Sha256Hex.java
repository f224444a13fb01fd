package dev.teleform.engine.operation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 in hex, for the operations' own ids and fingerprints (the engine's {@code source.Sha256} is the stack
 * reader's, which this layer does not reach into).
 */
final class Sha256Hex {

    private Sha256Hex() {
    }

    static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
