package dev.teleform.engine.source;

import java.nio.file.Path;
import java.util.List;

/**
 * The positions of one file's documents, read when the first of them is asked for: most runs never ask
 * (positions serve messages about problems), so the file is read once without them and kept as text.
 * Reading the same text again yields the same documents in the same order, so the {@code index}th one's
 * positions are those of the {@code index}th document read first.
 */
final class DeferredPositions {

    private final Path file;
    private final String text;
    private final LoadLimits limits;
    /** Only the positions: the documents read again are let go. */
    private List<SourceMap> located;

    DeferredPositions(Path file, String text, LoadLimits limits) {
        this.file = file;
        this.text = text;
        this.limits = limits;
    }

    synchronized SourceMap document(int index) {
        if (located == null) {
            located = new YamlTreeReader(file, limits).read(text).stream().map(SourceDocument::positions).toList();
        }
        return located.get(index);
    }
}
