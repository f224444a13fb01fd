package dev.teleform.engine.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stack files read before, by the SHA-256 of their bytes: the documents a file held and whether all of them
 * passed their schema checks, so that a run over unchanged files parses no YAML and checks no schema (on a
 * 10,000-resource stack those were most of a plan's time). Only files read without any problem and without
 * {@code ${...}} are kept: substitution depends on the run, and a file with problems is read again for its
 * messages anyway. The file with the stack's settings is not kept either (the stack loader decides), since it
 * may hold a credential written out. An entry's name also digests the {@code stamp} (the code that reads and
 * checks, and the load limits), so a new build or schema never reads an old verdict.
 *
 * <p>The cache is as trusted as its directory. It lives in the user's cache directory, not in the stack's
 * {@code .teleform/}: anything under the checkout can arrive in a pull request, and a planted entry would make
 * Teleform read documents that the reviewed files do not hold; and it is used only when that directory is the
 * user's alone. A cache that cannot be read or written costs time, never correctness: a damaged entry is a miss,
 * and a failed write is dropped.
 */
public final class ParsedFileCache {

    /** No cache: every file is parsed and checked. */
    public static final ParsedFileCache NONE = new ParsedFileCache(null, new byte[0]);

    /** Entries nobody wrote for this long are removed when new ones are written. */
    static final Duration UNUSED_FOR = Duration.ofDays(30);
    private static final String SUFFIX = ".json";
    /** Touched when entries were last pruned. */
    private static final String PRUNED = ".pruned";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Reading needs no mapper, which costs a cold start more than a whole cached file does. */
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes entries (only after a miss), keeping each object's members in their order in the file. */
    private static final class Writer {
        static final JsonMapper JSON = JsonMapper.builder().build();
    }

    /** What an earlier run read from a file with the same bytes. */
    record Entry(List<ObjectNode> documents, boolean schemaChecked) {}

    private final Path dir;
    private final byte[] stamp;
    /** Null until the first use decides whether {@link #dir} may be trusted. */
    private volatile Boolean trusted;

    private ParsedFileCache(Path dir, byte[] stamp) {
        this.dir = dir;
        this.stamp = stamp;
    }

    /** A cache in {@code dir}, whose entries are valid only for readers with the same {@code stamp}. */
    public static ParsedFileCache in(Path dir, String stamp) {
        return new ParsedFileCache(dir.toAbsolutePath().normalize(), stamp.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cache an environment asks for: {@code TELEFORM_CACHE_DIR} (empty turns it off), else
     * {@code $XDG_CACHE_HOME/teleform}, else {@code $HOME/.cache/teleform}; none when neither is set, and none
     * in CI ({@code CI} set) unless {@code TELEFORM_CACHE_DIR} names one: a runner that keeps its home between
     * jobs runs pull requests' code as the same user, which could plant entries for the jobs after it.
     */
    public static ParsedFileCache forEnvironment(UnaryOperator<String> environment, String stamp) {
        String explicit = environment.apply("TELEFORM_CACHE_DIR");
        if (explicit != null) {
            return explicit.isBlank() ? NONE : in(Path.of(explicit).resolve("stack-files"), stamp);
        }
        String ci = environment.apply("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0")) {
            return NONE;
        }
        String xdg = environment.apply("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return in(Path.of(xdg, "teleform", "stack-files"), stamp);
        }
        String home = environment.apply("HOME");
        return home == null || home.isBlank() ? NONE : in(Path.of(home, ".cache", "teleform", "stack-files"), stamp);
    }

    /** Where the entries are; empty for {@link #NONE}. */
    public Optional<Path> location() {
        return Optional.ofNullable(dir);
    }

    /**
     * Whether the directory is this user's alone (owned by the user that runs Teleform, nothing for group or
     * others), as ssh asks of its keys: anyone else who can write there could make Teleform read documents that
     * no file holds. A directory that does not exist yet is made so; one that is not so is not used at all.
     */
    private boolean trusted() {
        Boolean known = trusted;
        if (known == null) {
            known = dir != null && ownDirectory(dir);
            trusted = known;
        }
        return known;
    }

    private static boolean ownDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isDirectory() && ownedByThisProcess(dir)
                    && attributes.permissions().stream().noneMatch(permission -> permission.name().startsWith("GROUP_")
                            || permission.name().startsWith("OTHERS_"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * By user id where the system shows this process's (Linux's {@code /proc/self}): a container's user may have no
     * name; elsewhere by name.
     */
    private static boolean ownedByThisProcess(Path dir) throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.exists(self)) {
            return Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS).equals(Files.getAttribute(self, "unix:uid"));
        }
        return Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
    }

    /** Whether there is a cache to use (its directory may still turn out not to be trusted, and go unused). */
    public boolean enabled() {
        return dir != null;
    }

    /** The entry for a file whose bytes have {@code sha256}; empty when there is none or it cannot be read. */
    Optional<Entry> find(byte[] sha256) {
        if (!trusted()) {
            return Optional.empty();
        }
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), Files.readAllBytes(entryFile(sha256)))) {
            return Optional.ofNullable(entry(parser.nextToken() == null ? null : new TreeBuilder().read(parser)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // none yet, or damaged: the file is parsed as if there were none
        }
    }

    /**
     * Keeps what a file with bytes {@code sha256} held. The documents are written as read: nothing may have
     * changed them yet (substitution never runs on the files kept here).
     */
    public void remember(byte[] sha256, List<ObjectNode> documents, boolean schemaChecked) {
        if (!trusted()) {
            return;
        }
        Path file = entryFile(sha256);
        try {
            // A temporary file of its own (0600), renamed into place: a reader sees a whole entry or none.
            Path tmp = Files.createTempFile(dir, ".tmp-", SUFFIX);
            try {
                try (OutputStream out = Files.newOutputStream(tmp); JsonGenerator generator = Writer.JSON.createGenerator(out)) {
                    generator.writeStartObject();
                    generator.writeName("documents");
                    generator.writeStartArray();
                    for (ObjectNode document : documents) {
                        Writer.JSON.writeTree(generator, document);
                    }
                    generator.writeEndArray();
                    generator.writeBooleanProperty("schema_checked", schemaChecked);
                    generator.writeEndObject();
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | JacksonException | UnsupportedOperationException e) {
            // best effort: the next run parses the file again
        }
    }

    /**
     * Removes entries (and left-over temporary files) that no run has written for {@link #UNUSED_FOR}, at most
     * once a day: it reads the whole directory.
     */
    public void prune(Instant now) {
        if (!trusted()) {
            return;
        }
        Path marker = dir.resolve(PRUNED);
        try {
            if (Files.exists(marker) && Files.getLastModifiedTime(marker).toInstant().isAfter(now.minus(Duration.ofDays(1)))) {
                return;
            }
            if (!Files.exists(marker)) {
                Files.createFile(marker, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.setLastModifiedTime(marker, FileTime.from(now));
        } catch (IOException e) {
            return;
        }
        FileTime before = FileTime.from(now.minus(UNUSED_FOR));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path entry : entries) {
                try {
                    if (Files.getLastModifiedTime(entry).compareTo(before) < 0) {
                        Files.deleteIfExists(entry);
                    }
                } catch (IOException e) {
                    // gone already, or not ours to remove
                }
            }
        } catch (IOException e) {
            // not readable: nothing to prune
        }
    }

    private Path entryFile(byte[] sha256) {
        MessageDigest digest = Sha256.digest();
        digest.update(stamp);
        digest.update((byte) 0);
        digest.update(sha256);
        return dir.resolve(HexFormat.of().formatHex(digest.digest()) + SUFFIX);
    }

    private static Entry entry(JsonNode root) {
        if (root == null || !root.path("documents").isArray() || !root.path("schema_checked").isBoolean()) {
            return null;
        }
        List<ObjectNode> documents = new ArrayList<>();
        for (JsonNode document : root.get("documents")) {
            documents.add((ObjectNode) document);
        }
        return new Entry(documents, root.get("schema_checked").booleanValue());
    }

    /**
     * Builds the documents of one entry with the same node types as {@link YamlTreeReader} builds (integers as
     * big integers, other numbers as decimals), so a document read from the cache equals the one read from its
     * file, down to its numbers' types and scales. It also builds them smaller, since a fleet's stack is most of
     * a plan's heap: each object's and array's storage has the size of its members, not a default that is
     * mostly empty, and the file's repeated short texts ({@code v7}, a cluster's name, a login) are one node
     * (value nodes cannot change, so sharing them is safe).
     */
    private static final class TreeBuilder {
        private static final int POOLED_LENGTH = 64;
        private final Map<String, JsonNode> texts = new HashMap<>();

        JsonNode read(JsonParser parser) {
            return switch (parser.currentToken()) {
                case START_OBJECT -> {
                    List<String> names = new ArrayList<>();
                    List<JsonNode> values = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_OBJECT) {
                        names.add(parser.currentName());
                        parser.nextToken();
                        values.add(read(parser));
                    }
                    Map<String, JsonNode> members = LinkedHashMap.newLinkedHashMap(names.size());
                    for (int i = 0; i < names.size(); i++) {
                        members.put(names.get(i), values.get(i));
                    }
                    yield new ObjectNode(NODES, members);
                }
                case START_ARRAY -> {
                    List<JsonNode> elements = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        elements.add(read(parser));
                    }
                    yield new ArrayNode(NODES, new ArrayList<>(elements));
                }
                case VALUE_STRING -> text(parser.getString());
                case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                default -> throw new IllegalStateException("unexpected token " + parser.currentToken());
            };
        }

        private JsonNode text(String value) {
            return value.length() > POOLED_LENGTH ? NODES.stringNode(value)
                    : texts.computeIfAbsent(value, NODES::stringNode);
        }
    }
}
