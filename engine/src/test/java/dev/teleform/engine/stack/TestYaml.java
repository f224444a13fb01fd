package dev.teleform.engine.stack;

import dev.teleform.engine.source.LoadLimits;
import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.source.StackFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads YAML text into source documents for tests, through the same reader stacks use. */
record TestYaml(Path name, LoadLimits limits) {

    List<SourceDocument> read(String yaml) {
        try {
            Path dir = Files.createTempDirectory("teleform-test");
            Path file = dir.resolve(name);
            Files.writeString(file, yaml);
            List<SourceDocument> docs = new StackFileReader(limits).read(file).documents();
            Files.delete(file);
            Files.delete(dir);
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
