package dev.teleform.provider.simulator.cloud;

import dev.teleform.engine.provider.ProviderError;
import dev.teleform.provider.simulator.store.CallLog;
import dev.teleform.provider.simulator.store.SimStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fault injection and call counting, kept in the data directory so they hold across processes. Every
 * call is recorded in the {@link CallLog} without a lock. Only calls of an operation that has faults
 * set ({@code faults.json}) are also numbered, under a global lock ({@code fault-counters.json}); the
 * number decides, with the seed, whether a transient-error rate fires, so a run is repeatable.
 */
public final class Faults {

    static final String FAULTS = "faults";
    /** Calls numbered while their operation has faults set: what fail-nth and the seeded draws count. */
    static final String FAULT_COUNTERS = "fault-counters";
    /** Teleport's text when Teleport Cloud's API cannot be reached (transient). */
    static final String CLOUD_UNREACHABLE = "unable to communicate with the Teleport Cloud API";

    /**
     * One operation's faults.
     *
     * @param latency       added to every call
     * @param transientRate probability (0..1) that a call fails with a transient error
     * @param failNth       fail the Nth call counted from when this was set (0: never)
     * @param failWith      the error kind of a forced failure
     * @param armedAt       the call count when this was set
     */
    record OperationFaults(Duration latency, double transientRate, long failNth, String failWith, long armedAt) {}

    /**
     * What to do with one call: wait, then fail or go ahead.
     *
     * @param answerLost carry the call out, then lose its answer: the caller sees a connection problem for
     *                   a write that happened (a reset connection, a timed-out proxy)
     */
    public record Decision(Duration latency, Optional<ProviderError> failure, boolean answerLost) {
        Decision(Duration latency, Optional<ProviderError> failure) {
            this(latency, failure, false);
        }
    }

    /** The fault kind ({@code --fail-with answer_lost}) whose call is carried out and whose answer is lost. */
    static final String ANSWER_LOST = "answer_lost";
    /** What the caller of a call whose answer was lost sees. */
    public static final String ANSWER_LOST_TEXT = "connection reset while waiting for the answer; the request may have "
            + "been carried out";

    private static final Decision GO_AHEAD = new Decision(Duration.ZERO, Optional.empty());

    /** {@code faults.json} as last read, and the file it was read from (replaced on every change). */
    private record Cached(Object fileKey, FileTime modified, long size, Optional<ObjectNode> faults) {}

    private final SimStore store;
    private volatile Cached cached = new Cached(null, null, -1, Optional.empty());

    public Faults(SimStore store) {
        this.store = store;
    }

    /** Records the call and decides its fate. */
    public Decision before(Operation operation, String kind) {
        store.calls().call(operation.key(), kind);
        ObjectNode faults = currentFaults().orElse(null);
        OperationFaults f = faults == null ? null : parse(faults.path("operations").path(operation.key()));
        if (f == null) {
            return GO_AHEAD;
        }
        if (f.failNth() == 0 && f.transientRate() == 0) {
            return new Decision(f.latency(), Optional.empty()); // latency alone needs no numbering
        }
        long count = store.lockedGlobal(() -> {
            ObjectNode counters = store.readGlobal(FAULT_COUNTERS).orElseGet(JsonNodeFactory.instance::objectNode);
            long next = increment(counters, operation.key());
            store.writeGlobal(FAULT_COUNTERS, counters);
            return next;
        });
        if (f.failNth() > 0 && count - f.armedAt() == f.failNth()) {
            return ANSWER_LOST.equals(f.failWith()) ? new Decision(f.latency(), Optional.empty(), true)
                    : new Decision(f.latency(), Optional.of(error(f.failWith(), operation)));
        }
        double draw = new SplittableRandom(faults.path("seed").asLong(0) * 31 + operation.ordinal() * 1_000_003L + count)
                .nextDouble();
        if (draw < f.transientRate()) {
            return new Decision(f.latency(), Optional.of(new ProviderError.ConnectionProblem(CLOUD_UNREACHABLE)));
        }
        return new Decision(f.latency(), Optional.empty());
    }

    /**
     * {@code faults.json}, read again only when its file was replaced: a stat per call instead of a
     * read and a parse. Writes replace the file by rename, so a new file key (inode) or time means new faults.
     */
    private Optional<ObjectNode> currentFaults() {
        Path file = store.globalFile(FAULTS);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Cached known = cached;
        if (Objects.equals(known.fileKey(), attributes.fileKey()) && attributes.fileKey() != null
                && attributes.lastModifiedTime().equals(known.modified()) && attributes.size() == known.size()) {
            return known.faults();
        }
        Optional<ObjectNode> read = store.readGlobal(FAULTS);
        cached = new Cached(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), read);
        return read;
    }

    /** How the named workload cluster provisions ({@code provisioning} in {@code faults.json}). */
    public Provisioning provisioning(String cluster) {
        JsonNode modes = currentFaults().map(f -> f.path("provisioning")).orElse(null);
        if (modes == null) {
            return Provisioning.NORMAL;
        }
        String mode = modes.path(cluster).asString(modes.path("*").asString("normal"));
        return Provisioning.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
    }

    /** Sets one operation's faults, arming fail-nth from the current count. */
    public void set(Operation operation, Duration latency, double transientRate, long failNth, String failWith) {
        store.lockedGlobal(() -> {
            ObjectNode faults = store.readGlobal(FAULTS).orElseGet(JsonNodeFactory.instance::objectNode);
            long armedAt = store.readGlobal(FAULT_COUNTERS).map(c -> c.path(operation.key()).asLong(0)).orElse(0L);
            ObjectNode op = faults.withObjectProperty("operations").putObject(operation.key());
            op.put("latency_ms", latency.toMillis());
            op.put("transient_rate", transientRate);
            op.put("fail_nth", failNth);
            op.put("fail_with", failWith);
            op.put("armed_at", armedAt);
            store.writeGlobal(FAULTS, faults);
            return null;
        });
    }

    public void setProvisioning(String cluster, Provisioning mode) {
        update(faults -> faults.withObjectProperty("provisioning").put(cluster, mode.name().toLowerCase(java.util.Locale.ROOT)));
    }

    public void setSeed(long seed) {
        update(faults -> faults.put("seed", seed));
    }

    public void clear() {
        store.lockedGlobal(() -> {
            store.writeGlobal(FAULTS, JsonNodeFactory.instance.objectNode());
            return null;
        });
    }

    public ObjectNode current() {
        return store.readGlobal(FAULTS).orElseGet(JsonNodeFactory.instance::objectNode);
    }

    /** Calls so far by operation ({@code create}) and by operation and kind ({@code create role}). */
    Map<String, Long> counters() {
        return store.calls().calls();
    }

    /** Resources that writes created, by kind. */
    Map<String, Long> creations() {
        return store.calls().creations();
    }

    private void update(java.util.function.Consumer<ObjectNode> change) {
        store.lockedGlobal(() -> {
            ObjectNode faults = store.readGlobal(FAULTS).orElseGet(JsonNodeFactory.instance::objectNode);
            change.accept(faults);
            store.writeGlobal(FAULTS, faults);
            return null;
        });
    }

    private static long increment(ObjectNode counters, String key) {
        long next = counters.path(key).asLong(0) + 1;
        counters.put(key, next);
        return next;
    }

    private static OperationFaults parse(JsonNode op) {
        if (!op.isObject()) {
            return null;
        }
        return new OperationFaults(Duration.ofMillis(op.path("latency_ms").asLong(0)),
                op.path("transient_rate").asDouble(0), op.path("fail_nth").asLong(0),
                op.path("fail_with").asString("connection_problem"), op.path("armed_at").asLong(0));
    }

    /** The forced error of kind {@code name}, with the text Teleport gives it. */
    static ProviderError error(String name, Operation operation) {
        return switch (name) {
            case "limit_exceeded" -> new ProviderError.LimitExceeded("rate limit exceeded, try again later");
            case "access_denied" -> new ProviderError.AccessDenied("access denied (injected fault on "
                    + operation.key() + ")");
            case "bad_parameter" -> new ProviderError.BadParameter("bad parameter (injected fault on "
                    + operation.key() + ")");
            case "not_found" -> new ProviderError.NotFound("not found (injected fault on " + operation.key() + ")");
            default -> new ProviderError.ConnectionProblem(CLOUD_UNREACHABLE);
        };
    }
}
