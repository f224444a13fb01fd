package dev.teleform.engine.stack;

import dev.teleform.engine.source.LoadLimits;
import dev.teleform.engine.source.ParsedFileCache;
import dev.teleform.engine.source.Sha256;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a {@link ParsedFileCache} entry holds good for besides the file's bytes: the code that parsed and checked
 * it, and the load limits. The code is the engine's jar, which holds the reader and the schemas, by the content of
 * its entries (names, CRC-32s, sizes: the file's own time may be anything after a copy or a reproducible build),
 * the libraries that read YAML and check schemas, by their jars' names (which carry their versions) and sizes,
 * and the JDK's version.
 * A new build, and so a changed schema, a new library or other limits read every file afresh.
 */
final class CacheStamp {

    /** Bumped when what an entry holds changes shape. */
    private static final int FORMAT = 1;

    /** A class of each library that parses or checks stack files; named, so that no package here depends on them. */
    private static final List<String> LIBRARIES = List.of("org.snakeyaml.engine.v2.api.LoadSettings",
            "tools.jackson.dataformat.yaml.YAMLFactory", "tools.jackson.databind.json.JsonMapper",
            "tools.jackson.core.json.JsonFactory", "com.networknt.schema.SchemaRegistry",
            "com.ethlo.time.DateTime"); // the schema validator's date-time format check

    private static final Optional<String> BUILD = build();

    private CacheStamp() {
    }

    /** The stamp for reading with {@code limits}; empty when Teleform runs from classes, not jars. */
    static Optional<String> of(LoadLimits limits) {
        return BUILD.map(build -> build + "\nlimits " + limits);
    }

    /**
     * A build run from directories of classes (a development setup) has no jar to fingerprint, so it gets no cache
     * rather than one that could outlive a change to the reader.
     */
    private static Optional<String> build() {
        try {
            Optional<Path> engine = jarOf(CacheStamp.class);
            List<Path> libraries = new ArrayList<>();
            for (String name : LIBRARIES) {
                Optional<Path> jar = jarOf(Class.forName(name, false, CacheStamp.class.getClassLoader()));
                if (jar.isEmpty()) {
                    return Optional.empty();
                }
                libraries.add(jar.get());
            }
            return engine.isEmpty() ? Optional.empty() : Optional.of(fingerprint(engine.get(), libraries));
        } catch (IOException | URISyntaxException | ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The engine jar's entries and the libraries' jar names and sizes, digested. */
    static String fingerprint(Path engineJar, List<Path> libraries) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (ZipFile zip = new ZipFile(engineJar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                digest.update((entry.getName() + " " + entry.getCrc() + " " + entry.getSize() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        for (Path library : libraries) {
            digest.update((library.getFileName() + " " + Files.size(library) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        // the JDK too: its regular expressions check the schemas' patterns
        return "format " + FORMAT + "\njava " + Runtime.version() + "\ncode " + HexFormat.of().formatHex(digest.digest());
    }

    private static Optional<Path> jarOf(Class<?> type) throws URISyntaxException {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        Path location = Path.of(source.getLocation().toURI());
        return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
    }
}
