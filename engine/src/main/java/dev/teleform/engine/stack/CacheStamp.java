package dev.teleform.engine.stack;

import dev.teleform.engine.source.LoadLimits;
import dev.teleform.engine.source.ParsedFileCache;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * What a {@link ParsedFileCache} entry holds good for besides the file's bytes: the build of Teleform that
 * parsed and checked it (the engine's jar, which holds the reader and the schemas, by size and time) and the
 * load limits. A new build, and so a changed schema, or other limits read every file afresh.
 */
final class CacheStamp {

    /** Bumped when what an entry holds changes shape. */
    private static final int FORMAT = 1;
    private static final Optional<String> BUILD = build();

    private CacheStamp() {
    }

    /** The stamp for reading with {@code limits}; empty when Teleform runs from classes, not a jar. */
    static Optional<String> of(LoadLimits limits) {
        return BUILD.map(build -> build + "\nlimits " + limits);
    }

    /**
     * A build run from a directory of classes (a development setup) has no jar whose size and time change with
     * its code, so it gets no cache rather than one that could outlive a change to the reader.
     */
    private static Optional<String> build() {
        CodeSource source = CacheStamp.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            return Optional.of("format " + FORMAT + "\njar " + jar.getFileName() + " " + Files.size(jar) + " "
                    + Files.getLastModifiedTime(jar).toMillis());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
