package dev.teleform.engine.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.source.LoadLimits;
import dev.teleform.engine.source.ParsedFileCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The cache of parsed stack files must never change what a stack reads as: every stack of the corpus reads
 * the same from its files, from a cache filled by a first read, and from a damaged cache; generated
 * documents come back with the same node types and number scales; and what the cache may keep is limited to
 * files read without problems and without variables (so no substituted secret reaches it).
 */
class ParsedFileCacheTest {

    private static final int CASES = Integer.getInteger("teleform.model.cases", 60);

    @TempDir
    Path cacheDir;

    @TempDir
    Path dir;

    private ParsedFileCache cache(String stamp) {
        return ParsedFileCache.in(cacheDir, stamp);
    }

    private static StackResult read(Path stack, LoadOptions options) {
        return new StackReader(options).read(stack);
    }

    static List<String> cases() throws IOException {
        return BadStackCorpusTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCorpusStackReadsTheSameFromTheCache(String name) throws IOException {
        Path stack = BadStackCorpusTest.CORPUS.resolve(name);
        LoadOptions plain = BadStackCorpusTest.options(stack);
        LoadOptions cached = withCache(plain, cache("corpus"));
        StackResult fromFiles = read(stack, plain);
        StackResult filling = read(stack, cached);
        StackResult fromCache = read(stack, cached);
        for (StackResult result : List.of(filling, fromCache)) {
            assertEquals(BadStackCorpusTest.report(fromFiles), BadStackCorpusTest.report(result));
            assertSameStack(fromFiles, result);
        }
    }

    @Test
    void aSecondReadTakesUnchangedFilesFromTheCacheAndSkipsTheirSchemaChecks() {
        fleetStack(3);
        LoadOptions options = withCache(LoadOptions.defaults(), cache("t"));
        StackResult first = read(dir, options);
        StackLoader.LoadedDocuments second = new StackLoader(options).load(dir);
        // stack.yaml names a variable: never kept; the cluster files are, all their documents checked
        assertEquals(3, entries().size());
        assertEquals(3 * 3, second.schemaChecked().size());
        assertTrue(second.worthKeeping().isEmpty());
        assertSameStack(first, read(dir, options));
    }

    @Test
    void aFileWithASchemaProblemKeepsReportingItFromTheCache() throws IOException {
        fleetStack(1);
        Files.writeString(dir.resolve("cluster-0.yaml"), Files.readString(dir.resolve("cluster-0.yaml"))
                .replace("max_session_ttl: 8h", "max_session_ttl: eight hours"));
        LoadOptions options = withCache(LoadOptions.defaults(), cache("t"));
        String expected = BadStackCorpusTest.report(read(dir, LoadOptions.defaults()));
        assertTrue(expected.contains("max_session_ttl"), expected);
        assertEquals(expected, BadStackCorpusTest.report(read(dir, options)));
        assertEquals(1, entries().size());
        assertTrue(new StackLoader(options).load(dir).schemaChecked().isEmpty());
        assertEquals(expected, BadStackCorpusTest.report(read(dir, options)));
    }

    @Test
    void twoFilesWithTheSameBytesShareAnEntryAndEachKeepsItsOwnPlacesInMessages() throws IOException {
        fleetStack(1);
        String role = """
                kind: role
                version: v7
                metadata: {name: twin}
                cluster: child-0
                spec:
                  options: {max_session_ttl: forever}
                """;
        Files.writeString(dir.resolve("a.yaml"), role);
        Files.writeString(dir.resolve("b.yaml"), role);
        String expected = BadStackCorpusTest.report(read(dir, LoadOptions.defaults()));
        assertTrue(expected.contains("a.yaml:6") && expected.contains("b.yaml:6"), expected);
        LoadOptions options = withCache(LoadOptions.defaults(), cache("t"));
        assertEquals(expected, BadStackCorpusTest.report(read(dir, options)));
        assertEquals(2, entries().size(), "cluster-0.yaml, and one entry for both twins");
        assertEquals(expected, BadStackCorpusTest.report(read(dir, options)));
    }

    @Test
    void aFileNamingAVariableIsNeverKeptSoNoSubstitutedSecretReachesTheCache() throws IOException {
        fleetStack(2);
        Files.writeString(dir.resolve("cluster-0.yaml"), Files.readString(dir.resolve("cluster-0.yaml"))
                .replace("description: Access for team 0", "description: ${env:TEAM_SECRET}"));
        Files.writeString(dir.resolve("stack.yaml"), Files.readString(dir.resolve("stack.yaml"))
                .replace("[{name: STATE_REMOTE, sensitive: false}]", "[{name: STATE_REMOTE, sensitive: false}, TEAM_SECRET]"));
        LoadOptions options = withCache(LoadOptions.defaults().withEnv(
                name -> "TEAM_SECRET".equals(name) ? "hunter2-very-secret" : null), cache("t"));
        assertInstanceOf(StackResult.Valid.class, read(dir, options));
        assertEquals(1, entries().size(), "only cluster-1.yaml, which names no variable");
        assertNothingInTheCacheContains("hunter2-very-secret");
    }

    @Test
    void theFileWithTheStacksSettingsIsNeverKeptSoACredentialWrittenThereDoesNotOutliveIt() throws IOException {
        fleetStack(1);
        Files.writeString(dir.resolve("stack.yaml"), StackFixture.STACK
                + "  state:\n    remote: https://x-access-token:ghs_literal1234@example.com/org/state.git\n");
        LoadOptions options = withCache(LoadOptions.defaults(), cache("t"));
        read(dir, options);
        assertEquals(1, entries().size(), "only the cluster's file");
        assertNothingInTheCacheContains("ghs_literal1234");
    }

    private void assertNothingInTheCacheContains(String secret) throws IOException {
        try (Stream<Path> files = Files.walk(cacheDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file).contains(secret), file.toString());
            }
        }
    }

    @Test
    void aDamagedEntryIsAMissAndIsWrittenAgain() throws IOException {
        fleetStack(2);
        LoadOptions options = withCache(LoadOptions.defaults(), cache("t"));
        StackResult first = read(dir, options);
        List<Path> entries = entries();
        Files.writeString(entries.get(0), "{\"documents\": [{\"kind\": \"role\"");
        Files.writeString(entries.get(1), "[1, 2, 3]");
        assertSameStack(first, read(dir, options));
        assertEquals(BadStackCorpusTest.report(first), BadStackCorpusTest.report(read(dir, options)));
        assertEquals(2 * 3, new StackLoader(options).load(dir).schemaChecked().size());
    }

    @Test
    void anotherStampNeverReadsTheEntriesOfThisOne() {
        fleetStack(1);
        read(dir, withCache(LoadOptions.defaults(), cache("build 1")));
        assertEquals(1, entries().size());
        assertTrue(new StackLoader(withCache(LoadOptions.defaults(), cache("build 2"))).load(dir).schemaChecked()
                .isEmpty());
        assertEquals(3, new StackLoader(withCache(LoadOptions.defaults(), cache("build 1"))).load(dir).schemaChecked()
                .size());
    }

    @Test
    void theStampFollowsTheEngineJarsContentAndTheLibrariesNotTheTimesOfFiles() throws IOException {
        Path engine = jar("engine.jar", "reader v1");
        Path yaml = Files.writeString(dir.resolve("snakeyaml-engine-3.0.1.jar"), "x");
        String stamp = CacheStamp.fingerprint(engine, List.of(yaml));
        Files.setLastModifiedTime(engine, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        assertEquals(stamp, CacheStamp.fingerprint(engine, List.of(yaml)), "a copy's time changes nothing");
        Path rebuilt = jar("rebuilt.jar", "reader v2"); // same names and sizes, other content
        assertFalse(stamp.equals(CacheStamp.fingerprint(rebuilt, List.of(yaml))));
        Path upgraded = Files.writeString(dir.resolve("snakeyaml-engine-3.0.2.jar"), "x");
        assertFalse(stamp.equals(CacheStamp.fingerprint(engine, List.of(upgraded))));
        // From classes, as these tests run, there is no stamp and so no cache.
        assertTrue(CacheStamp.of(LoadLimits.DEFAULT).isEmpty());
    }

    private Path jar(String name, String content) throws IOException {
        Path jar = dir.resolve(name);
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.zip.ZipEntry("dev/teleform/Reader.class"));
            out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void entriesAreTheUsersOnlyAndOldOnesArePruned() throws IOException {
        fleetStack(2);
        Path fresh = cacheDir.resolve("not/yet/there");
        read(dir, withCache(LoadOptions.defaults(), ParsedFileCache.in(fresh, "t")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        List<Path> written;
        try (Stream<Path> files = Files.list(fresh)) {
            written = files.filter(file -> file.getFileName().toString().endsWith(".json")).toList();
        }
        assertEquals(2, written.size());
        for (Path entry : written) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
        }
        Files.setLastModifiedTime(written.getFirst(), FileTime.from(Instant.now().minus(Duration.ofDays(29))));
        // the read pruned already today; a day on, pruning runs again
        ParsedFileCache.in(fresh, "t").prune(Instant.now().plus(Duration.ofDays(2)));
        assertFalse(Files.exists(written.getFirst()));
        assertTrue(Files.exists(written.get(1)));
    }

    @Test
    void aDirectoryOthersMayWriteIsNotUsed() throws IOException {
        fleetStack(1);
        LoadOptions options = withCache(LoadOptions.defaults(), cache("t"));
        read(dir, options);
        assertEquals(1, entries().size());
        Files.setPosixFilePermissions(cacheDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertTrue(new StackLoader(withCache(LoadOptions.defaults(), cache("t"))).load(dir).schemaChecked().isEmpty(),
                "a planted entry would be read");
        Files.setPosixFilePermissions(cacheDir, PosixFilePermissions.fromString("rwx------"));
        assertEquals(3, new StackLoader(withCache(LoadOptions.defaults(), cache("t"))).load(dir).schemaChecked().size());
    }

    @Test
    void theEnvironmentChoosesTheCacheOrNone() {
        assertEquals(Optional.of(Path.of("/home/u/.cache/teleform/stack-files")),
                ParsedFileCache.forEnvironment(Map.of("HOME", "/home/u")::get, "s").location());
        assertEquals(Optional.of(Path.of("/x/teleform/stack-files")), ParsedFileCache.forEnvironment(
                Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "/x")::get, "s").location());
        assertEquals(Optional.of(Path.of("/c/stack-files")), ParsedFileCache.forEnvironment(
                Map.of("HOME", "/home/u", "TELEFORM_CACHE_DIR", "/c", "CI", "true")::get, "s").location());
        assertFalse(ParsedFileCache.forEnvironment(Map.of("HOME", "/home/u", "CI", "true")::get, "s").enabled(),
                "CI runners may keep a home that pull requests' jobs write");
        assertFalse(ParsedFileCache.forEnvironment(Map.of("TELEFORM_CACHE_DIR", "")::get, "s").enabled());
        assertFalse(ParsedFileCache.forEnvironment(name -> null, "s").enabled());
    }

    /** Generated documents of every scalar type YAML can give, with anchors and merge keys, read both ways. */
    @Test
    void generatedDocumentsComeBackFromTheCacheWithTheSameNodeTypesAndScales() throws IOException {
        Random random = new Random(Long.getLong("teleform.model.seed", 15L));
        Files.writeString(dir.resolve("stack.yaml"), StackFixture.STACK);
        for (int i = 0; i < CASES; i++) {
            StringBuilder yaml = new StringBuilder();
            for (int d = 0; d < 1 + random.nextInt(3); d++) {
                yaml.append("---\nkind: role\nversion: v7\nmetadata:\n  name: r").append(i).append('-').append(d)
                        .append("\n  labels: &base\n").append(mapping(random, 2, 2))
                        .append("spec:\n  <<: *base\n").append(mapping(random, 3, 2));
            }
            Path file = dir.resolve("generated.yaml");
            Files.writeString(file, yaml);
            LoadOptions options = withCache(LoadOptions.defaults(), cache("g"));
            StackLoader.LoadedDocuments fromFile = new StackLoader(LoadOptions.defaults()).load(dir);
            new StackReader(options).read(dir);
            StackLoader.LoadedDocuments fromCache = new StackLoader(options).load(dir);
            assertEquals(fromFile.problems().toString(), fromCache.problems().toString(), yaml.toString());
            if (fromFile.problems().isEmpty()) {
                assertTrue(fromCache.worthKeeping().isEmpty(), "generated.yaml came from the cache\n" + yaml);
            }
            assertEquals(fromFile.documents().size(), fromCache.documents().size());
            for (int d = 0; d < fromFile.documents().size(); d++) {
                assertSameTree(fromFile.documents().get(d).root(), fromCache.documents().get(d).root(), yaml + "\n");
            }
        }
    }

    private static final List<String> SCALARS = List.of("0", "-17", "42", "9223372036854775808",
            "-123456789012345678901234567890", "0x1F", "0o17", "1.50", "-0.0", "1e3", "2.5E-7",
            "3.14159265358979323846264338327950288", "true", "false", "~", "null", "''",
            "\"quoted: value\"", "'single ''quoted'''", "plain text", "\"\\u00e9t\\u00e9 \\U0001F600\"", "8h",
            "2026-11-30T12:00:00Z", "\"123\"", "yes", "No");

    private static String mapping(Random random, int fields, int depth) {
        StringBuilder out = new StringBuilder();
        for (int f = 0; f < fields; f++) {
            String indent = "  ".repeat(3 - depth);
            out.append(indent).append("  k").append(f).append(": ");
            int shape = depth == 0 ? 0 : random.nextInt(4);
            switch (shape) {
                case 1 -> out.append('\n').append(mapping(random, 1 + random.nextInt(3), depth - 1));
                case 2 -> {
                    out.append('[');
                    for (int e = 0; e < 1 + random.nextInt(4); e++) {
                        out.append(e == 0 ? "" : ", ").append(SCALARS.get(random.nextInt(SCALARS.size())));
                    }
                    out.append("]\n");
                }
                default -> out.append(SCALARS.get(random.nextInt(SCALARS.size()))).append('\n');
            }
        }
        return out.toString();
    }

    private void fleetStack(int clusters) {
        StackFixture fixture = new StackFixture(dir).file("stack.yaml", StackFixture.STACK
                + "  environment: [{name: STATE_REMOTE, sensitive: false}]\n  state:\n    remote: ${env:STATE_REMOTE:-}\n");
        for (int c = 0; c < clusters; c++) {
            fixture.file("cluster-" + c + ".yaml", StackFixture.CLUSTER.replace("name: child", "name: child-" + c)
                    + """
                    ---
                    kind: role
                    version: v7
                    metadata:
                      name: team
                      description: Access for team 0
                    cluster: child-%d
                    spec:
                      options: {max_session_ttl: 8h}
                      allow: {logins: [ubuntu]}
                    ---
                    kind: user
                    version: v2
                    metadata: {name: alice}
                    cluster: child-%d
                    spec: {roles: [team]}
                    """.formatted(c, c));
        }
    }

    private List<Path> entries() {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static LoadOptions withCache(LoadOptions options, ParsedFileCache cache) {
        return new LoadOptions(options.vars(), options.env(), options.limits(), cache);
    }

    private static void assertSameStack(StackResult expected, StackResult actual) {
        assertEquals(expected.getClass(), actual.getClass());
        if (expected instanceof StackResult.Valid valid) {
            Stack want = valid.stack();
            Stack got = ((StackResult.Valid) actual).stack();
            assertEquals(want.digest(), got.digest());
            assertEquals(want.settings(), got.settings());
            assertEquals(want.resources().size(), got.resources().size());
            for (int i = 0; i < want.resources().size(); i++) {
                Resource a = want.resources().get(i);
                Resource b = got.resources().get(i);
                assertEquals(a.address(), b.address());
                assertEquals(a.lifecycle(), b.lifecycle());
                assertEquals(a.invite(), b.invite());
                assertSameTree(a.document(), b.document(), a.address().toString());
                assertEquals(a.source().start(), b.source().start());
            }
        }
    }

    /** Equal, down to each node's class, each object's member order and each decimal's scale. */
    private static void assertSameTree(JsonNode expected, JsonNode actual, String context) {
        assertEquals(expected.getClass(), actual.getClass(), context + expected + " vs " + actual);
        assertEquals(expected, actual, context);
        if (expected.isBigDecimal()) {
            assertEquals(expected.decimalValue().scale(), actual.decimalValue().scale(), context);
        }
        List<String> names = new ArrayList<>(expected.propertyNames());
        assertEquals(names, new ArrayList<>(actual.propertyNames()), context);
        Iterator<JsonNode> a = expected.values().iterator();
        Iterator<JsonNode> b = actual.values().iterator();
        while (a.hasNext()) {
            assertSameTree(a.next(), b.next(), context);
        }
    }
}
