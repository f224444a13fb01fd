package dev.teleform.engine.source;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.SourcePosition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one stack file: refuses files that are too large, binary or not UTF-8 (naming the file and,
 * for bad UTF-8, the line), then parses its YAML documents, or takes them from a {@link ParsedFileCache} when
 * the same bytes were read before.
 */
public final class StackFileReader {

    /**
     * Documents read from one file and the problems found in it.
     *
     * @param complete       false when part of the file could not be read, so documents may be missing
     * @param mentionsDollar  whether the text contains "${" at all: substitution can skip files without
     * @param sha256          digest of the file's bytes
     * @param source          where the documents came from
     */
    public record FileContent(List<SourceDocument> documents, List<Diagnostic> problems, boolean complete,
            boolean mentionsDollar, byte[] sha256, Source source) {

        /** Whether {@link ParsedFileCache} may keep these documents: parsed now, without problems or variables. */
        public boolean worthKeeping() {
            return source == Source.PARSED && problems.isEmpty() && complete && !mentionsDollar;
        }

        /** Whether every document passed its schema check in an earlier run (read from the cache). */
        public boolean schemaChecked() {
            return source == Source.CACHED_AND_CHECKED;
        }
    }

    /** Where a file's documents came from. */
    public enum Source { PARSED, CACHED, CACHED_AND_CHECKED }

    private final LoadLimits limits;
    private final ParsedFileCache cache;

    public StackFileReader(LoadLimits limits) {
        this(limits, ParsedFileCache.NONE);
    }

    /** A reader that takes unchanged files' documents from {@code cache} instead of parsing them. */
    public StackFileReader(LoadLimits limits, ParsedFileCache cache) {
        this.limits = limits;
        this.cache = cache;
    }

    public FileContent read(Path file) {
        SourcePosition whole = SourcePosition.wholeFile(file);
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                return refused(Diagnostic.error(whole, "", "file is " + size + " bytes; stack files are limited to "
                        + limits.maxFileBytes() + " bytes (split it into several files)"));
            }
            byte[] bytes = Files.readAllBytes(file);
            int nul = indexOf(bytes, (byte) 0);
            if (nul >= 0) {
                return refused(Diagnostic.error(whole, "", "binary file (NUL byte at offset " + nul
                        + "); stack files must be UTF-8 YAML text"));
            }
            String text;
            try {
                text = decodeUtf8(bytes);
            } catch (CharacterCodingException e) {
                return refused(notUtf8(file, bytes));
            }
            byte[] sha256 = Sha256.of(bytes);
            boolean mentionsDollar = text.contains("${");
            DeferredPositions positions = new DeferredPositions(file, text, limits);
            Optional<ParsedFileCache.Entry> cached = mentionsDollar ? Optional.empty() : cache.find(sha256);
            if (cached.isPresent()) {
                List<ObjectNode> roots = cached.get().documents();
                List<SourceDocument> documents = IntStream.range(0, roots.size())
                        .mapToObj(i -> new SourceDocument(roots.get(i), SourceMap.deferred(file, positions, i))).toList();
                return new FileContent(documents, List.of(), true, false, sha256,
                        cached.get().schemaChecked() ? Source.CACHED_AND_CHECKED : Source.CACHED);
            }
            // Read without positions first; a file with problems is read again with them, for its messages.
            YamlTreeReader reader = new YamlTreeReader(file, limits, positions);
            List<SourceDocument> documents = reader.read(text);
            if (!reader.problems().isEmpty() || !reader.complete()) {
                reader = new YamlTreeReader(file, limits);
                documents = reader.read(text);
            }
            return new FileContent(documents, reader.problems(), reader.complete(), mentionsDollar, sha256,
                    Source.PARSED);
        } catch (IOException e) {
            return refused(Diagnostic.error(whole, "", "cannot read file: " + e.getMessage()));
        }
    }

    /**
     * A data file's content ({@code for_each: {file: ...}}): its one value with positions, or none with the
     * problems that stopped it.
     *
     * @param sha256 digest of the file's bytes (empty when it could not be read)
     */
    public record DataContent(Optional<SourceValue> value, List<Diagnostic> problems, byte[] sha256) {}

    /**
     * Reads a data file: the same limits as a stack file, and one YAML document of any kind. Never from the
     * cache: its content is needed with positions, and it is small.
     */
    public DataContent readData(Path file) {
        SourcePosition whole = SourcePosition.wholeFile(file);
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                return new DataContent(Optional.empty(), List.of(Diagnostic.error(whole, "", "file is " + size
                        + " bytes; files are limited to " + limits.maxFileBytes() + " bytes")), new byte[0]);
            }
            byte[] bytes = Files.readAllBytes(file);
            String text;
            try {
                text = decodeUtf8(bytes);
            } catch (CharacterCodingException e) {
                return new DataContent(Optional.empty(), List.of(notUtf8(file, bytes)), new byte[0]);
            }
            YamlTreeReader reader = new YamlTreeReader(file, limits);
            List<SourceValue> values = reader.readValues(text);
            List<Diagnostic> problems = new ArrayList<>(reader.problems());
            if (values.size() > 1) {
                problems.add(Diagnostic.error(values.get(1).at(""), "", "a for_each file holds one YAML document "
                        + "(a list or a mapping), not " + values.size()));
            }
            return new DataContent(problems.isEmpty() ? values.stream().findFirst() : Optional.empty(), problems,
                    Sha256.of(bytes));
        } catch (IOException e) {
            return new DataContent(Optional.empty(), List.of(Diagnostic.error(whole, "", "cannot read file: "
                    + e.getMessage())), new byte[0]);
        }
    }

    private static FileContent refused(Diagnostic problem) {
        return new FileContent(List.of(), List.of(problem), false, false, new byte[0], Source.PARSED);
    }

    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
        String text = chars.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Points at the first byte that breaks UTF-8, by line and column (in bytes). */
    private static Diagnostic notUtf8(Path file, byte[] bytes) {
        int bad = firstInvalidUtf8(bytes);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String hex = String.format("0x%02X", bytes[bad] & 0xFF);
        return Diagnostic.error(new SourcePosition(file, line, bad - lineStart + 1), "",
                "file is not valid UTF-8 (byte " + hex + "); save it as UTF-8");
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }


    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
