package dev.teleform.engine.stack;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.source.ParsedFileCache;
import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.source.StackFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

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
     * The documents in {@code dir}'s own YAML files whose kind Teleform does not know, as validation reports them
     * (with a "did you mean"): such a directory is no directory inside a stack, whether or not it is one. Files that
     * cannot be read are passed over, as is a directory that cannot be listed: the loader names them if they are a
     * stack's.
     */
    public List<Diagnostic> unknownKinds(Path dir) {
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(Files::isRegularFile).filter(StackLoader::isYaml).sorted()
                    .limit(options.limits().maxFiles()).toList();
        } catch (IOException e) {
            return List.of();
        }
        StackFileReader reader = new StackFileReader(options.limits());
        return files.stream().flatMap(file -> StackValidator.unknownKinds(reader.read(file).documents()).stream())
                .toList();
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
