package dev.teleform.engine.state;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.AddressParse;
import dev.teleform.engine.json.CanonicalJson;
import io.vavr.control.Either;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state file: canonical JSON with {@code version}, {@code lineage}, {@code serial},
 * {@code stack} and {@code resources} sorted by address. Reading looks at the version first and
 * refuses versions it does not know, naming them.
 */
public final class StateCodec {

    private StateCodec() {
    }

    public static String write(State state) {
        ObjectNode root = CanonicalJson.mapper().createObjectNode();
        root.put("version", State.VERSION);
        root.put("lineage", state.lineage());
        root.put("serial", state.serial());
        root.put("stack", state.stack());
        ArrayNode resources = root.putArray("resources");
        for (ResourceState resource : state.resources().values()) {
            ObjectNode entry = resources.addObject();
            entry.put("address", resource.address().toString());
            entry.put("kind", resource.address().kind());
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
        }
        return CanonicalJson.write(root);
    }

    public static Either<String, State> read(byte[] bytes) {
        JsonNode root;
        try {
            root = CanonicalJson.mapper().readTree(bytes);
        } catch (JacksonException e) {
            return Either.left("state file is not valid JSON: " + e.getOriginalMessage());
        }
        int version = root.path("version").asInt(-1);
        if (version != State.VERSION) {
            return Either.left("state file version " + root.path("version") + " is not one this Teleform reads (it reads "
                    + State.VERSION + "); use the Teleform release that wrote it");
        }
        TreeMap<Address, ResourceState> resources = new TreeMap<>();
        for (JsonNode entry : root.path("resources")) {
            AddressParse parse = entry.has("kind") && entry.has("name")
                    ? new AddressParse.Parsed(Address.in(entry.path("kind").asString(), entry.path("name").asString(),
                            entry.path("cluster").asString("")))
                    : Address.parse(entry.path("address").asString(""));
            if (!(parse instanceof AddressParse.Parsed parsed)) {
                return Either.left("state file holds a bad address: " + entry.path("address"));
            }
            if (!(entry.path("applied") instanceof ObjectNode applied) || !(entry.path("observed") instanceof ObjectNode observed)) {
                return Either.left("state entry " + parsed.address() + " lacks applied or observed");
            }
            resources.put(parsed.address(), new ResourceState(parsed.address(), applied, observed,
                    entry.path("prevent_destroy").asBoolean(false), entry.path("invite_pending").asBoolean(false)));
        }
        return Either.right(new State(root.path("lineage").asString(""), root.path("serial").asLong(0),
                root.path("stack").asString(""), resources));
    }
}
