package dev.teleform.engine.stack;

import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.source.Sha256;
import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.source.StackFileReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The stack digest: what a plan file records so that apply can tell the stack changed. A file
 * without {@code ${...}} contributes the SHA-256 of its bytes; a file with substitutions contributes
 * its documents after substitution (a changed variable changes the stack), in canonical form.
 */
final class ContentDigest {

    private final Path base;
    private final MessageDigest sha;

    ContentDigest(Path dir) {
        this.base = dir.toAbsolutePath().normalize();
        this.sha = Sha256.digest();
    }

    void add(Path file, StackFileReader.FileContent content) {
        sha.update(SourcePosition.displayPath(file, base).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        if (!content.mentionsDollar()) {
            sha.update(content.sha256());
            return;
        }
        for (SourceDocument document : content.documents()) {
            sha.update(CanonicalJson.write(document.root()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A {@code for_each} data file, by the SHA-256 of its bytes: its items are taken as written. */
    void addData(Path file, byte[] sha256) {
        sha.update(SourcePosition.displayPath(file, base).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 1);
        sha.update(sha256);
    }

    String finish() {
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
