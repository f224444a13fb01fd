package dev.teleform.engine.stack;

import dev.teleform.engine.source.ParsedFileCache;
import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.source.StackFileReader;
import java.nio.file.Path;
import java.time.Instant;

/** Reads and validates a stack directory: the entry point for every command that needs a stack. */
public final class StackReader {

    private final LoadOptions options;

    public StackReader(LoadOptions options) {
        this.options = options;
    }

    public StackResult read(Path dir) {
        StackLoader.LoadedDocuments loaded = new StackLoader(options).load(dir);
        StackValidator validator = new StackValidator();
        StackResult result = validator.validate(loaded);
        remember(loaded, validator);
        return result;
    }

    /**
     * Keeps the files parsed in this run for the next one, with whether all their documents passed their
     * schema checks. Rules across documents are not kept: they depend on every file, and run every time.
     */
    private void remember(StackLoader.LoadedDocuments loaded, StackValidator validator) {
        ParsedFileCache cache = options.cache();
        if (!cache.enabled() || loaded.worthKeeping().isEmpty()) {
            return;
        }
        for (StackFileReader.FileContent file : loaded.worthKeeping()) {
            cache.remember(file.sha256(), file.documents().stream().map(SourceDocument::root).toList(),
                    file.documents().stream().allMatch(validator::passedSchema));
        }
        cache.prune(Instant.now());
    }
}
