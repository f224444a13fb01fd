package dev.teleform.engine.state;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.AddressParse;
import dev.teleform.engine.json.CanonicalJson;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state file: canonical JSON with {@code version}, {@code lineage}, {@code serial},
 * {@code stack} and {@code resources} sorted by address. Reading looks at the version first and
 * refuses versions it does not know, naming them.
 */
public final class StateCodec {

    /**
     * The version of a state with sensitive fields, a pending invite or a create under way. A Teleform that
     * reads only version 1 would take placeholders for applied values and report the live secret as drift,
     * or drop the marks and lose an invite, so it must refuse such a state; a state without them stays
     * version 1, readable by every release.
     */
    static final int SENSITIVE_VERSION = 2;

    private StateCodec() {
    }

    private static int version(State state) {
        return state.resources().values().stream().anyMatch(resource -> !resource.sensitive().isEmpty()
                || resource.invitePending() || resource.creating()) ? SENSITIVE_VERSION : State.VERSION;
    }

    public static String write(State state) {
        ObjectNode root = CanonicalJson.mapper().createObjectNode();
        root.put("version", version(state));
        root.put("lineage", state.lineage());
        root.put("serial", state.serial());
        root.put("stack", state.stack());
        ArrayNode resources = root.putArray("resources");
        state.resources().values().forEach(resource -> resources.add(entry(resource)));
        return CanonicalJson.write(root);
    }

    /** One resource as the state file holds it (what {@code teleform state show} prints too). */
    public static ObjectNode entry(ResourceState resource) {
        ObjectNode entry = CanonicalJson.mapper().createObjectNode();
        entry.put("address", resource.address().toString());
        entry.put("kind", resource.address().kind().kind());
        entry.put("name", resource.address().name());
        entry.put("cluster", resource.address().cluster());
        entry.set("applied", resource.applied());
        entry.set("observed", resource.observed());
        if (resource.preventDestroy()) {
            entry.put("prevent_destroy", true);
        }
        if (resource.invitePending()) {
            entry.put("invite_pending", true);
        }
        if (resource.creating()) {
            entry.put("creating", true);
        }
        if (!resource.sensitive().isEmpty()) {
            ArrayNode sensitive = entry.putArray("sensitive");
            resource.sensitive().forEach(sensitive::add);
        }
        return entry;
    }

    public static Either<String, State> read(byte[] bytes) {
        return read(bytes, Map.of());
    }

    /**
     * Reads a state file entry by entry, so that the file's tree is never held whole; an entry whose applied
     * document equals the one {@code declared} holds for its address keeps that one instead ({@link
     * State#sharing}). The version is judged before anything else, wherever it stands in the file.
     *
     * <p>A first pass checks the whole file and finds where each entry stands without building anything; the
     * entries are then built side by side, since a fleet's state is tens of megabytes of JSON.
     */
    public static Either<String, State> read(byte[] bytes, Map<Address, ObjectNode> declared) {
        ObjectNode header = CanonicalJson.mapper().createObjectNode();
        // one value at a time from a stream that goes on: what follows a value is no error here
        ObjectReader values = CanonicalJson.mapper().readerFor(JsonNode.class)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // strict: state decides deletes and protections, so a key twice or anything after the object is refused
        ObjectReader strict = CanonicalJson.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        List<Span> entries = new ArrayList<>();
        try (JsonParser parser = strict.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Either.left("state file is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                if ("resources".equals(name) && parser.nextToken() == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        long from = parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        parser.finishToken(); // a string entry: its end is known once its text is read
                        entries.add(new Span((int) from, (int) parser.currentLocation().getByteOffset()));
                    }
                } else {
                    if (!"resources".equals(name)) {
                        parser.nextToken();
                    }
                    header.set(name, values.<JsonNode>readValue(parser));
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Either.left("state file is not valid JSON: it does not end where its object ends");
            }
        } catch (JacksonException e) {
            return Either.left("state file is not valid JSON: " + e.getOriginalMessage());
        }
        int version = header.path("version").asInt(-1);
        if (version < State.VERSION || version > SENSITIVE_VERSION) {
            return Either.left("state file version " + header.path("version") + " is not one this Teleform reads (it reads "
                    + State.VERSION + " and " + SENSITIVE_VERSION + "); use the Teleform release that wrote it");
        }
        // What the first pass skipped (the text of strings) can still be malformed: each entry answers for its own,
        // so the first bad entry in the file is the one reported, whichever thread met it first.
        List<Either<String, ResourceState>> read = entries.parallelStream().map(span -> {
            try (JsonParser parser = strict.createParser(bytes, span.from(), span.to() - span.from())) {
                return entry(values.readValue(parser), declared);
            } catch (JacksonException e) {
                return Either.<String, ResourceState>left("state file is not valid JSON: " + e.getOriginalMessage());
            }
        }).toList();
        TreeMap<Address, ResourceState> resources = new TreeMap<>();
        for (Either<String, ResourceState> entry : read) {
            if (entry.isLeft()) {
                return Either.left(entry.getLeft());
            }
            resources.put(entry.get().address(), entry.get());
        }
        return Either.right(new State(header.path("lineage").asString(""), header.path("serial").asLong(0),
                header.path("stack").asString(""), resources));
    }

    /** Where one entry of {@code resources} stands in the file, in bytes. */
    private record Span(int from, int to) {}

    private static Either<String, ResourceState> entry(JsonNode entry, Map<Address, ObjectNode> declared) {
        if (!entry.isObject()) {
            String text = entry.toString();
            return Either.left("state file holds an entry that is not a JSON object: "
                    + (text.length() > 60 ? text.substring(0, 60) + "..." : text));
        }
        AddressParse parse = entry.has("kind") && entry.has("name")
                ? Address.of(entry.path("kind").asString(), entry.path("name").asString(),
                        entry.path("cluster").asString(""))
                : Address.parse(entry.path("address").asString(""));
        if (!(parse instanceof AddressParse.Parsed parsed)) {
            return Either.left("state file holds a bad address: " + entry.path("address"));
        }
        if (!(entry.path("applied") instanceof ObjectNode applied) || !(entry.path("observed") instanceof ObjectNode observed)) {
            return Either.left("state entry " + parsed.address() + " lacks applied or observed");
        }
        Set<String> sensitive = new TreeSet<>();
        entry.path("sensitive").forEach(pointer -> sensitive.add(pointer.asString("")));
        return Either.right(new ResourceState(parsed.address(), State.shared(declared, parsed.address(), applied),
                observed, entry.path("prevent_destroy").asBoolean(false), entry.path("invite_pending").asBoolean(false),
                sensitive, entry.path("creating").asBoolean(false)));
    }
}
