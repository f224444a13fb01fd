package dev.teleform.provider.teleport;

import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads resources by name in as few processes as tctl allows: several refs in one {@code tctl get
 * role/a,role/b,user/c} (YAML, the only format tctl prints mixed kinds in), in batches that keep the command
 * line short. tctl gets the refs in order and fails the whole command on the first that does not exist, with
 * the not-found error it wraps as {@code getting resource "NAME" of type "KIND"} (TELEPORT.md §3, §6); that
 * ref is dropped and the rest asked for again, so each missing name costs one process more.
 */
final class NamedGet {

    /**
     * The longest refs argument of one {@code tctl get}, in characters: well under what Linux takes for one
     * argument (128 KiB), and a command line a person can still read in a process list.
     */
    static final int LONGEST_REFS = 8_000;
    /** tctl's context around a failed get; %q quoting escapes only quotes and backslashes in a plain name. */
    private static final Pattern GETTING = Pattern.compile("getting resource \"((?:[^\"\\\\]|\\\\.)*)\" of type \"([a-z_]+)\"");

    private final Tctl tctl;

    NamedGet(Tctl tctl) {
        this.tctl = tctl;
    }

    /** The ref tctl reads as {@code kind/name}; a comma in a name is escaped, as tctl's ref parser allows. */
    static String ref(ResourceKind kind, String name) {
        return kind.kind() + "/" + name.replace(",", "\\,");
    }

    /** The documents of those of {@code refs} ({@link #ref}) that exist, in tctl's order. */
    Either<ProviderError, List<ObjectNode>> existing(Endpoint endpoint, List<String> refs) {
        List<ObjectNode> found = new ArrayList<>();
        for (List<String> batch : batches(refs)) {
            Either<ProviderError, List<ObjectNode>> read = withoutMissing(endpoint, batch);
            if (read.isLeft()) {
                return read;
            }
            found.addAll(read.get());
        }
        return Either.right(found);
    }

    /** {@code refs} in order, cut where the next ref would make the argument longer than {@link #LONGEST_REFS}. */
    static List<List<String>> batches(List<String> refs) {
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int length = 0;
        for (String ref : refs) {
            if (!batch.isEmpty() && length + 1 + ref.length() > LONGEST_REFS) {
                batches.add(batch);
                batch = new ArrayList<>();
                length = 0;
            }
            length += (batch.isEmpty() ? 0 : 1) + ref.length();
            batch.add(ref);
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** One batch, asked again without each ref tctl reports missing: at most one process per ref. */
    private Either<ProviderError, List<ObjectNode>> withoutMissing(Endpoint endpoint, List<String> batch) {
        List<String> asked = new ArrayList<>(batch);
        while (!asked.isEmpty()) {
            Either<ProviderError, List<ObjectNode>> read = tctl.getMany(endpoint, asked);
            if (read.isRight() || !(read.getLeft() instanceof ProviderError.NotFound notFound)) {
                return read;
            }
            Optional<String> missing = missing(notFound.message()).filter(asked::contains);
            if (missing.isEmpty()) {
                return read; // not one of the names asked for (the cluster itself?): not ours to hide
            }
            asked.remove(missing.get());
        }
        return Either.right(List.of());
    }

    /** The ref a not-found error of tctl's get names, from the context tctl puts first. */
    static Optional<String> missing(String message) {
        Matcher getting = GETTING.matcher(message);
        if (!getting.find()) {
            return Optional.empty();
        }
        String name = getting.group(1).replaceAll("\\\\(.)", "$1");
        return ResourceKind.of(getting.group(2)).map(kind -> ref(kind, name));
    }
}
