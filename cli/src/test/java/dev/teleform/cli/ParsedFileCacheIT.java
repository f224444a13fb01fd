package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of parsed stack files as the packaged CLI uses it: a second run of an unchanged stack reads its files'
 * documents from the cache (shown here by an entry changed behind Teleform's back, which the plan then proposes),
 * says the same as the first, and {@code TELEFORM_CACHE_DIR=} (empty) turns it off.
 */
class ParsedFileCacheIT {

    @TempDir
    Path dir;

    @Test
    void aSecondRunReadsUnchangedFilesFromTheCacheAndAnEmptyCacheDirTurnsItOff() throws Exception {
        Path stack = dir.resolve("stack");
        Files.createDirectories(stack);
        try (Stream<Path> files = Files.list(PackagedCli.REPO.resolve("examples/quickstart"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, stack.resolve(file.getFileName()));
            }
        }
        Path cache = dir.resolve("cache");
        Map<String, String> cached = Map.of("TELEFORM_CACHE_DIR", cache.toString());
        CliRun applied = PackagedCli.run(dir, cached, "apply", stack.toString(), "--auto-approve", "--invites-out",
                dir.resolve("invites.jsonl").toString());
        assertEquals(0, applied.exit(), applied.err());
        List<Path> entries = entries(cache);
        assertEquals(3, entries.size(), "cluster.yaml, roles.yaml and users.yaml; never stack.yaml");

        CliRun first = PackagedCli.run(dir, cached, "plan", stack.toString(), "--detailed-exitcode");
        CliRun second = PackagedCli.run(dir, cached, "plan", stack.toString(), "--detailed-exitcode");
        assertEquals(0, first.exit(), first.out() + first.err());
        assertEquals(first.out(), second.out());

        // Proof that the documents came from the cache: a changed entry is what the next plan reads.
        for (Path entry : entries) {
            Files.writeString(entry, Files.readString(entry).replace("\"logins\":[\"ubuntu\"]",
                    "\"logins\":[\"planted\"]"));
        }
        assertTrue(entries.stream().anyMatch(entry -> read(entry).contains("planted")), "the quickstart's role logs in as ubuntu");
        CliRun fromCache = PackagedCli.run(dir, cached, "plan", stack.toString(), "--detailed-exitcode");
        assertEquals(2, fromCache.exit(), fromCache.out() + fromCache.err());
        assertTrue(fromCache.out().contains("planted"), fromCache.out());

        CliRun off = PackagedCli.run(dir, Map.of("TELEFORM_CACHE_DIR", ""), "plan", stack.toString(),
                "--detailed-exitcode");
        assertEquals(0, off.exit(), off.out() + off.err());
    }

    private static List<Path> entries(Path cache) throws java.io.IOException {
        try (Stream<Path> files = Files.list(cache.resolve("stack-files"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
