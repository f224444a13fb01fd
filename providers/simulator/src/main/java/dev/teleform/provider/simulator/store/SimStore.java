package dev.teleform.provider.simulator.store;

import dev.teleform.engine.provider.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's files. One JSON file per object ({@code clusters/<cluster>/<kind>/<name>.json}),
 * so a write costs the same however many resources exist. Writes go to a temporary file that is
 * renamed into place, so a reader in any process sees a whole old file or a whole new one and needs
 * no lock. Writers take a per-cluster lock: a {@link ReentrantLock} within this JVM (file locks are
 * per process) and a {@link FileLock} across processes; a parent's lock is taken before a workload
 * cluster's, never after. Lists read a kind's listing, one file of all its objects; the first list
 * after a change writes it, holding the lock ({@link #list}).
 */
public final class SimStore {

    /** The parent cluster's directory; workload cluster names are DNS labels, so they cannot collide. */
    public static final String PARENT = "_parent";
    private static final String GLOBAL = "_global";

    /** This process's part of temporary files' names: random, as process ids repeat across containers and hosts. */
    static final String PROCESS = Long.toHexString(new SecureRandom().nextLong());
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
    /** A temporary file is made new, so that whatever stands at its name (a link, say) is never written through. */
    private static final Set<OpenOption> TEMPORARY = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    /** The locks within this JVM, by lock file: shared by every store of a data directory in it. */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final JsonMapper json = JsonMapper.builder().build();
    private final CallLog calls;

    public SimStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.calls = new CallLog(this.dir.resolve("calls.log"));
    }

    /** The record of calls and creations, shared by every process using this directory. */
    public CallLog calls() {
        return calls;
    }

    /** Lets go of open files. */
    public void close() {
        calls.close();
    }

    public Path dir() {
        return dir;
    }

    public JsonMapper json() {
        return json;
    }

    public Optional<ObjectNode> read(String cluster, String kind, String name) {
        return readFile(file(cluster, kind, name));
    }

    /**
     * Every object of {@code kind} in {@code cluster}, sorted by name. They are read from the kind's listing, one
     * file of all of them, which the first list after a change writes: a refresh lists every cluster's roles and
     * users, and a fleet's are thousands of files. Every write and delete of the kind removes the listing first,
     * holding the cluster's lock, and a listing is only written holding it, so one that exists is never older
     * than the objects' own files.
     */
    public List<ObjectNode> list(String cluster, String kind) {
        Path listing = listingFile(cluster, kind);
        Optional<List<ObjectNode>> kept = readListing(listing);
        if (kept.isPresent()) {
            return kept.get();
        }
        return locked(cluster, () -> readListing(listing).orElseGet(() -> {
            List<ObjectNode> objects = scan(cluster, kind);
            // Never for a cluster that is not there (not made yet, or archived): writing would make its directory.
            if (Files.isDirectory(clusterDir(cluster))) {
                ArrayNode all = json.createArrayNode();
                objects.forEach(all::add);
                writeFile(listing, json.writeValueAsBytes(all));
            }
            return objects;
        }));
    }

    /** The listing's objects; empty when there is none, or one that is not a whole listing (it is written again). */
    private Optional<List<ObjectNode>> readListing(Path listing) {
        try {
            if (!(json.readTree(Files.readAllBytes(listing)) instanceof ArrayNode all)) {
                return Optional.empty();
            }
            List<ObjectNode> objects = new ArrayList<>();
            for (var object : all) {
                if (!(object instanceof ObjectNode found)) {
                    return Optional.empty();
                }
                objects.add(found);
            }
            return Optional.of(objects);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** The objects' own files, read one by one. */
    private List<ObjectNode> scan(String cluster, String kind) {
        Path kindDir = clusterDir(cluster).resolve(kind);
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(kindDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted(Comparator.comparing(Path::toString)).toList()) {
                readFile(file).ifPresent(out::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Names of the objects of {@code kind} in {@code cluster}, sorted. */
    public List<String> names(String cluster, String kind) {
        try (Stream<Path> files = Files.list(clusterDir(cluster).resolve(kind))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json"))
                    .map(f -> URLDecoder.decode(f.substring(0, f.length() - 5), StandardCharsets.UTF_8))
                    .sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String cluster, String kind, String name) {
        return Files.exists(file(cluster, kind, name));
    }

    /** Writes an object, holding the cluster's lock (a caller may hold it already). */
    public void write(String cluster, String kind, String name, ObjectNode document) {
        byte[] bytes = json.writeValueAsBytes(document);
        locked(cluster, () -> {
            forgetListing(cluster, kind);
            writeFile(file(cluster, kind, name), bytes);
            return null;
        });
    }

    /** Deletes an object, holding the cluster's lock (a caller may hold it already); true when it was there. */
    public boolean delete(String cluster, String kind, String name) {
        return locked(cluster, () -> {
            forgetListing(cluster, kind);
            try {
                return Files.deleteIfExists(file(cluster, kind, name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void forgetListing(String cluster, String kind) {
        try {
            Files.deleteIfExists(listingFile(cluster, kind));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clusters that have a directory, parent excluded, sorted. */
    List<String> clusters() {
        try (Stream<Path> entries = Files.list(dir.resolve("clusters"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(PARENT)).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a cluster's directory aside (Teleport Cloud keeps a deleted cluster's data for restore). */
    public void archiveCluster(String cluster, String archiveName) {
        // Holding the cluster's lock, as a list writing the cluster's listing does: that one must not bring back the
        // directory it moves.
        locked(cluster, () -> {
            Path source = clusterDir(cluster);
            if (!Files.exists(source)) {
                return null;
            }
            try {
                Path target = dir.resolve("deleted").resolve(archiveName);
                Files.createDirectories(target.getParent());
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /** A small global document ({@code faults}, ...), outside any cluster. */
    public Optional<ObjectNode> readGlobal(String name) {
        return readFile(globalFile(name));
    }

    /** Where {@link #readGlobal} reads, for callers that cache a document until its file is replaced. */
    public Path globalFile(String name) {
        return dir.resolve(name + ".json");
    }

    public void writeGlobal(String name, ObjectNode document) {
        writeFile(globalFile(name), json.writeValueAsBytes(document));
    }

    /**
     * Runs {@code action} holding the write lock of {@code cluster}, in this JVM and across processes. The lock within
     * the JVM is the same for every store of one data directory: a JVM holds a file lock once, whichever channel
     * took it, so two stores of one directory (the simulator's commands run in a test's JVM) taking it at once would
     * fail rather than wait. A thread that holds it already, further out, just runs {@code action}.
     */
    public <T> T locked(String cluster, Supplier<T> action) {
        Path lockFile = dir.resolve("locks").resolve(cluster + ".lock");
        ReentrantLock local = LOCKS.computeIfAbsent(lockFile, file -> new ReentrantLock());
        local.lock();
        try {
            if (local.getHoldCount() > 1) {
                return action.get();
            }
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            local.unlock();
        }
    }

    /** Runs {@code action} holding the lock for global documents. */
    public <T> T lockedGlobal(Supplier<T> action) {
        return locked(GLOBAL, action);
    }

    /** Removes everything. */
    public void wipe() {
        calls.close();
        PrivateFiles.deleteTree(dir);
    }

    private Path clusterDir(String cluster) {
        return dir.resolve("clusters").resolve(cluster);
    }

    /** Beside the kind's directory, so that listing the directory never finds it. */
    private Path listingFile(String cluster, String kind) {
        return clusterDir(cluster).resolve(kind + ".listing");
    }

    private Path file(String cluster, String kind, String name) {
        return clusterDir(cluster).resolve(kind).resolve(URLEncoder.encode(name, StandardCharsets.UTF_8) + ".json");
    }

    private Optional<ObjectNode> readFile(Path file) {
        try {
            return Optional.of((ObjectNode) json.readTree(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code file} whole through a temporary file renamed over it. The temporary file is named after this
     * process and the writing thread, which writes one file at a time, so no two writers share one, whether they
     * hold a lock or not (global documents are written without one); measured here, that cost a third of what
     * {@link Files#createTempFile}'s random names did, and writes are most of what a simulated call costs. It is
     * made new and 0600; one that a failed write left behind is removed first.
     */
    private static void writeNew(Path tmp, byte[] bytes) throws IOException {
        try (FileChannel channel = POSIX ? FileChannel.open(tmp, TEMPORARY, OWNER_ONLY) : FileChannel.open(tmp, TEMPORARY)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            if (!(e instanceof FileAlreadyExistsException)) {
                Files.deleteIfExists(tmp);
            }
            throw e;
        }
    }

    private static void writeFile(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(".tmp-" + PROCESS + "-" + Thread.currentThread().threadId() + ".partial");
            try {
                writeNew(tmp, bytes);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp); // a link is removed, not followed
                writeNew(tmp, bytes);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
