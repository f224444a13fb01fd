package dev.teleform.engine.stack;

import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.source.Sha256;
import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.source.StackFileReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stack digest: what a plan file records so that apply can tell the stack's meaning changed. It holds the
 * files as written (before substitution) and the values they read that are not secret: each file's bytes, each
 * {@code for_each} data file's bytes, and each value of a non-sensitive {@code ${env:NAME}} or of a
 * {@code ${var:NAME}} that the stack reads. It never holds a sensitive variable's value (a rotated token changes
 * nothing the plan does, and a digest of a short secret could be guessed back), nor the stack's
 * {@link ConnectionSettings} (where state lives: its URL often carries a token, and the plan file's state lineage and
 * serial already tell apply whether the state moved; how a job joins Teleport, which a plan job and an apply job do
 * with different bots).
 */
final class ContentDigest {

    private final Path base;
    private final MessageDigest sha;

    ContentDigest(Path dir) {
        this.base = dir.toAbsolutePath().normalize();
        this.sha = Sha256.digest();
    }

    /**
     * What one stack file contributes, taken before substitution changes its documents: the SHA-256 of its bytes;
     * for the file with a {@code kind: stack} document, of its documents as written in canonical form, without the
     * {@link ConnectionSettings} (a state remote's URL may have a token written out).
     */
    static byte[] asWritten(StackFileReader.FileContent content) {
        if (content.documents().stream().noneMatch(document -> StackValidator.STACK_KIND.equals(document.text("kind")))) {
            return content.sha256();
        }
        MessageDigest file = Sha256.digest();
        for (SourceDocument document : content.documents()) {
            ObjectNode root = document.root();
            if (StackValidator.STACK_KIND.equals(document.text("kind"))) {
                root = ConnectionSettings.without(root);
            }
            file.update(CanonicalJson.write(root).getBytes(StandardCharsets.UTF_8));
            file.update((byte) 0);
        }
        return file.digest();
    }

    /** A stack file, by what {@link #asWritten} took from it. */
    void add(Path file, byte[] asWritten) {
        sha.update(SourcePosition.displayPath(file, base).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(asWritten);
    }

    /** A {@code for_each} data file, by the SHA-256 of its bytes: its items are taken as written. */
    void addData(Path file, byte[] sha256) {
        sha.update(SourcePosition.displayPath(file, base).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 1);
        sha.update(sha256);
    }

    /** The values the files read, each once, in a fixed order; an unset one differs from an empty one. */
    void addValues(Collection<Interpolation.Read> reads) {
        reads.stream().distinct().sorted(Comparator.comparing(Interpolation.Read::reference)
                        .thenComparing(Interpolation.Read::value, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(read -> {
                    sha.update((byte) 2);
                    sha.update(read.reference().getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    if (read.value() != null) {
                        sha.update((byte) 1);
                        sha.update(read.value().getBytes(StandardCharsets.UTF_8));
                    }
                    sha.update((byte) 0);
                });
    }

    String finish() {
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
