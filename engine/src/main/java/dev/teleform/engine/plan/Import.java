package dev.teleform.engine.plan;

import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.source.SourceMap;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code teleform import}: brings a resource that exists in Teleport under management, as if Teleform
 * had written it. State records as "last applied" the live values of exactly the fields the stack
 * declares, so the next plan shows only real differences between the stack and Teleport, no drift, and
 * never removes a field the stack does not mention.
 */
public final class Import {

    private Import() {}

    public static Either<String, State> record(State state, Resource declared, LiveResource live) {
        if (state.get(declared.address()).isPresent()) {
            return Either.left(declared.address() + " is already managed (it is in state); nothing was changed");
        }
        Projection projection = new Projection(declared.sensitive());
        ObjectNode applied = projection.project("", declared.document(), live.document());
        ObjectNode observed = JsonNodeFactory.instance.objectNode().put("revision", live.revision());
        if (declared.kind() == ResourceKind.WORKLOAD_CLUSTER && live.document().has("status")) {
            observed.set("status", live.document().get("status").deepCopy());
        }
        Map<dev.teleform.engine.addr.Address, ResourceState> resources = new TreeMap<>(state.resources());
        resources.put(declared.address(), new ResourceState(declared.address(), applied, observed,
                declared.lifecycle().preventDestroy(), false, projection.hidden));
        return Either.right(state.next(resources));
    }

    /**
     * The live values of the fields {@code declared} sets: objects are followed field by field, anything
     * else (a string, a list) is taken whole from live; a field live does not have is left out. A value that
     * holds a sensitive field is taken as the placeholder, whole: where in a live list the secret sits is
     * not known.
     */
    private static final class Projection {
        private final SensitiveFields sensitive;
        private final Set<String> hidden = new TreeSet<>();

        Projection(SensitiveFields sensitive) {
            this.sensitive = sensitive;
        }

        ObjectNode project(String pointer, ObjectNode declared, JsonNode live) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : declared.properties()) {
                JsonNode there = live.get(field.getKey());
                if (there == null || there.isNull() || there.isMissingNode()) {
                    continue;
                }
                String at = SourceMap.child(pointer, field.getKey());
                if (field.getValue() instanceof ObjectNode nested && there.isObject()) {
                    out.set(field.getKey(), project(at, nested, there));
                } else if (sensitive.touches(at)) {
                    out.put(field.getKey(), Redaction.PLACEHOLDER);
                    hidden.add(at);
                } else {
                    out.set(field.getKey(), there.deepCopy());
                }
            }
            return out;
        }
    }
}
