package dev.teleform.engine.operation;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The roles and users of each workload cluster as state last applied them: what a plan that does not join the
 * workload clusters ({@code --no-join-clusters}) takes for live. Planned against them, the stack's changes since the
 * last apply show as they would against an untouched cluster, and nothing made by hand can: there is no drift, a
 * resource the stack declares and state does not is a create (never an adopt), and one state holds that the stack
 * no longer declares is a delete.
 *
 * <p>What state cannot stand in for, and how it is taken instead:
 * <ul>
 * <li>An entry written before a create that a killed run may or may not have made ({@link ResourceState#creating})
 * is not taken as live: the plan shows the create again, as a normal plan does when the create never happened.
 * <li>A field that took a sensitive value when applied holds the placeholder in state, never the value, so it is taken
 * to hold what the stack holds now: a changed sensitive value is not shown. A normal plan shows it, so a plan made
 * with all its clusters read differs by it when compared ({@code plan --compare-to}).
 * <li>State keeps no user's {@code status}: a user whose invite state still owes is shown getting it, as the plan
 * cannot tell whether they set a password since (the apply's own plan, which reads the user, decides; such a plan
 * is never applied).
 * </ul>
 * The documents are state's own, never copied but where a sensitive value goes in: a fleet's plan holds no more
 * than state already does.
 */
public final class AppliedContents {

    private final Map<String, List<ResourceState>> byCluster = new HashMap<>();
    private final Map<Address, ObjectNode> declared = new HashMap<>();

    private AppliedContents(State state, Stack stack) {
        for (ResourceState entry : state.resources().values()) {
            if (!entry.address().inParentCluster()) {
                byCluster.computeIfAbsent(entry.address().cluster(), c -> new ArrayList<>()).add(entry);
            }
        }
        for (Resource resource : stack.resources()) {
            declared.put(resource.address(), resource.document());
        }
    }

    /** The contents of every workload cluster in {@code state}; {@code stack} gives the sensitive values state lacks. */
    public static AppliedContents of(State state, Stack stack) {
        return new AppliedContents(state, stack);
    }

    /** What stands in for the live roles and users of workload cluster {@code cluster}, by address. */
    public Map<Address, LiveResource> in(String cluster) {
        Map<Address, LiveResource> contents = new HashMap<>();
        for (ResourceState entry : byCluster.getOrDefault(cluster, List.of())) {
            if (entry.creating()) {
                continue;
            }
            Address address = entry.address();
            contents.put(address, new LiveResource(address.kind(), address.name(), withStackValues(entry)));
        }
        return contents;
    }

    /** The applied document with the stack's value at each field that was sensitive when applied, where it has one. */
    private ObjectNode withStackValues(ResourceState entry) {
        ObjectNode wanted = declared.get(entry.address());
        if (entry.sensitive().isEmpty() || wanted == null) {
            return entry.applied();
        }
        ObjectNode document = entry.applied().deepCopy();
        for (String pointer : entry.sensitive()) {
            JsonNode value = wanted.at(pointer);
            if (value.isMissingNode()) {
                continue; // the stack dropped it: the placeholder stands for the value it removes
            }
            JsonPointer path = JsonPointer.compile(pointer);
            JsonNode holder = document.at(path.head());
            String name = path.last().getMatchingProperty();
            int index = path.last().getMatchingIndex();
            if (holder instanceof ObjectNode object && object.has(name)) {
                object.set(name, value.deepCopy());
            } else if (holder instanceof ArrayNode array && index >= 0 && index < array.size()) {
                array.set(index, value.deepCopy());
            }
        }
        return document;
    }
}
