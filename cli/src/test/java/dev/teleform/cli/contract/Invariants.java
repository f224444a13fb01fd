package dev.teleform.cli.contract;

import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.cli.contract.ContractRun.Violation;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.FieldChange;
import dev.teleform.engine.plan.Exclusion;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.resource.TeleportPresets;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The safety contract's invariants about one apply, each a check that throws the violation it finds. */
final class Invariants {

    private Invariants() {
    }

    /** The write calls each action may make. */
    private static Set<String> writesOf(Action action) {
        boolean cluster = action.address().kind() == ResourceKind.WORKLOAD_CLUSTER;
        return switch (action) {
            case Action.Create c -> Set.of(cluster ? "upsert" : "create");
            case Action.Update u -> Set.of("update");
            case Action.Replace r -> Set.of("delete", "create");
            case Action.Delete d -> d.alreadyGone() ? Set.of() : Set.of("delete");
            case Action.Invite i -> Set.of("invite");
            case Action.Adopt a -> Set.of();
            case Action.Forget f -> Set.of();
            case Action.Wait w -> Set.of();
            case Action.Bootstrap b -> Set.of();
        };
    }

    /**
     * I1: every write is one the plan listed for that address, and every write step that finished made its
     * write. I2: nothing is written to an address that is neither declared nor in state.
     */
    static void writesArePlanned(Plan plan, List<Observed.Write> writes, Set<String> finished, State state, Stack stack)
            throws Violation {
        Map<Address, Set<String>> allowed = new HashMap<>();
        for (PlanStep step : plan.steps()) {
            allowed.computeIfAbsent(step.action().address(), a -> new HashSet<>()).addAll(writesOf(step.action()));
        }
        Set<Address> declared = new HashSet<>();
        stack.resources().forEach(r -> declared.add(r.address()));
        for (Observed.Write write : writes) {
            if (!declared.contains(write.address()) && state.get(write.address()).isEmpty()) {
                throw new Violation("I2: apply called " + write.operation() + " on " + write.address()
                        + ", which is neither declared nor in state");
            }
            if (!allowed.getOrDefault(write.address(), Set.of()).contains(write.operation())) {
                throw new Violation("I1: apply called " + write.operation() + " on " + write.address()
                        + ", which the plan did not list");
            }
        }
        for (PlanStep step : plan.steps()) {
            Set<String> expected = writesOf(step.action());
            if (finished.contains(step.id()) && !expected.isEmpty() && writes.stream().noneMatch(w ->
                    w.address().equals(step.action().address()) && expected.contains(w.operation()))) {
                throw new Violation("I1: step " + step.id() + " finished without its write");
            }
        }
    }

    /**
     * I7: what {@code --exclude} names, and what the plan says it left out with it, has no step and no write, and
     * the plan blames nothing else for what it left out.
     */
    static void excludedUntouched(Plan plan, Set<Address> excludes, List<Observed.Write> writes) throws Violation {
        Set<Address> out = new HashSet<>(excludes);
        plan.excluded().forEach(excluded -> out.add(excluded.address()));
        for (Address address : plan.excluded().stream().map(Exclusion::cause).toList()) {
            if (!excludes.contains(address)) {
                throw new Violation("I7: the plan left " + address + " out, which --exclude did not name");
            }
        }
        for (PlanStep step : plan.steps()) {
            if (out.contains(step.action().address())) {
                throw new Violation("I7: the plan has step " + step.id() + " for a resource --exclude left out");
            }
        }
        for (Observed.Write write : writes) {
            if (out.contains(write.address())) {
                throw new Violation("I7: apply called " + write.operation() + " on " + write.address()
                        + ", which --exclude left out");
            }
        }
    }

    /** Workload clusters the plan deletes: what lived in them goes with them. */
    private static Set<String> deletedClusters(Plan plan) {
        Set<String> out = new HashSet<>();
        plan.steps().stream().filter(s -> s.action() instanceof Action.Delete d && !d.alreadyGone()
                && s.action().address().kind() == ResourceKind.WORKLOAD_CLUSTER).forEach(s -> out.add(s.action().address().name()));
        return out;
    }

    /** I2 and I4, seen live: what the stack does not manage (hand-made, presets, bots' own) is left as it was. */
    static void untouchedOutsideTheStack(Plan plan, Map<Address, ObjectNode> before, Map<Address, ObjectNode> after,
            Stack stack, State state) throws Violation {
        Set<Address> managed = new HashSet<>(state.resources().keySet());
        stack.resources().forEach(r -> managed.add(r.address()));
        Set<String> gone = deletedClusters(plan);
        for (Map.Entry<Address, ObjectNode> entry : before.entrySet()) {
            Address address = entry.getKey();
            if (managed.contains(address) || gone.contains(address.cluster())) {
                continue;
            }
            ObjectNode now = after.get(address);
            if (now == null) {
                throw new Violation("I2: " + address + " was deleted though Teleform does not manage it");
            }
            if (!withoutServerNoise(address, entry.getValue()).equals(withoutServerNoise(address, now))) {
                throw new Violation("I2: " + address + " was changed though Teleform does not manage it");
            }
        }
    }

    /**
     * I3: on a resource that stays, a field changes only if the plan listed it AND the stack manages it (sets
     * it now, or set it when last applied), and never if it is an {@code ignore_changes} field. Judged from
     * the stack and state, not from the plan alone, so a plan that lists too much is caught too.
     */
    static void unsetFieldsKeepLiveValues(Plan plan, Map<Address, ObjectNode> before, Map<Address, ObjectNode> after,
            Stack stack, State state) throws Violation {
        Map<Address, Resource> declared = new HashMap<>();
        stack.resources().forEach(r -> declared.put(r.address(), r));
        Map<Address, List<FieldChange>> changed = new HashMap<>();
        Set<Address> rewritten = new HashSet<>();
        for (PlanStep step : plan.steps()) {
            switch (step.action()) {
                case Action.Update u -> changed.put(u.address(), u.changes());
                case Action.Replace r -> rewritten.add(r.address());
                case Action.Create c -> rewritten.add(c.address());
                case Action.Delete d -> rewritten.add(d.address());
                case Action.Adopt a -> { }
                case Action.Forget f -> { }
                case Action.Invite i -> { }
                case Action.Wait w -> { }
                case Action.Bootstrap b -> { }
            }
        }
        for (Map.Entry<Address, ObjectNode> entry : before.entrySet()) {
            Address address = entry.getKey();
            ObjectNode now = after.get(address);
            if (now == null || rewritten.contains(address)) {
                continue;
            }
            List<FieldChange> listed = changed.getOrDefault(address, List.of());
            Set<String> managed = new HashSet<>();
            if (declared.containsKey(address)) {
                managed.addAll(leaves(declared.get(address).document()).keySet());
            }
            state.get(address).ifPresent(held -> managed.addAll(leaves(held.applied()).keySet()));
            List<String> ignored = declared.containsKey(address) ? declared.get(address).lifecycle().ignoreChanges()
                    : List.of();
            Map<String, JsonNode> was = leaves(withoutServerNoise(address, entry.getValue()));
            Map<String, JsonNode> is = leaves(withoutServerNoise(address, now));
            Set<String> pointers = new HashSet<>(was.keySet());
            pointers.addAll(is.keySet());
            for (String pointer : pointers) {
                boolean inPlan = listed.stream().anyMatch(c -> overlaps(pointer, c.pointer()));
                boolean mayChange = inPlan && managed.stream().anyMatch(m -> overlaps(pointer, m))
                        && ignored.stream().noneMatch(i -> overlaps(pointer, i));
                if (!mayChange && !java.util.Objects.equals(was.get(pointer), is.get(pointer))) {
                    throw new Violation("I3: " + address + " field " + pointer + " changed from " + was.get(pointer)
                            + " to " + is.get(pointer) + (inPlan ? ", which the stack does not manage or ignores"
                                    : ", which the plan did not list"));
                }
            }
        }
    }

    private static boolean overlaps(String pointer, String other) {
        return pointer.equals(other) || pointer.startsWith(other + "/") || other.startsWith(pointer + "/");
    }

    /** I4: no delete of what prevent_destroy protects (or of a cluster holding it), of a preset or a bot's own. */
    static void protectedSurvive(Plan plan, List<Observed.Write> writes, Map<Address, ObjectNode> before,
            Map<Address, ObjectNode> after, State state, Stack stack) throws Violation {
        Set<String> gone = deletedClusters(plan);
        for (Map.Entry<Address, ObjectNode> entry : before.entrySet()) {
            Address address = entry.getKey();
            if (!after.containsKey(address) && !gone.contains(address.cluster())
                    && TeleportPresets.ownedByTeleport(address.kind(), address.name(), entry.getValue()).isPresent()) {
                throw new Violation("I4: " + address + " belongs to Teleport and is gone");
            }
        }
        Set<Address> guarded = new HashSet<>();
        state.resources().values().stream().filter(ResourceState::preventDestroy).forEach(r -> guarded.add(r.address()));
        stack.resources().stream().filter(r -> r.lifecycle().preventDestroy()).map(Resource::address).forEach(guarded::add);
        for (Observed.Write write : writes) {
            if (!write.operation().equals("delete")) {
                continue;
            }
            Address address = write.address();
            if (guarded.contains(address)) {
                throw new Violation("I4: " + address + " has prevent_destroy and was deleted");
            }
            if (address.kind() == ResourceKind.WORKLOAD_CLUSTER && guarded.stream().anyMatch(g -> g.cluster().equals(address.name()))) {
                throw new Violation("I4: " + address + " was deleted with a protected resource inside");
            }
            JsonNode live = before.get(address);
            if (live != null && TeleportPresets.ownedByTeleport(address.kind(), address.name(), live).isPresent()) {
                throw new Violation("I4: " + address + " belongs to Teleport and was deleted");
            }
        }
    }

    /** Destroy deletes what state holds, never a live namesake of a declaration (as Terraform destroys state). */
    static void destroyDeletesOnlyState(List<Observed.Write> writes, State state) throws Violation {
        for (Observed.Write write : writes) {
            if (write.operation().equals("delete") && state.get(write.address()).isEmpty()) {
                throw new Violation("I2: destroy deleted " + write.address() + ", which state does not hold");
            }
        }
    }

    /** The document without what the server changes on every write (revision) or on its own (a cluster's status). */
    private static ObjectNode withoutServerNoise(Address address, ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("revision");
        }
        if (address.kind() == ResourceKind.WORKLOAD_CLUSTER) {
            copy.remove("status");
        }
        return copy;
    }

    /** Leaf values by JSON Pointer; a list is one leaf, as the diff compares it. */
    private static Map<String, JsonNode> leaves(JsonNode node) {
        Map<String, JsonNode> out = new TreeMap<>();
        collect("", node, out);
        return out;
    }

    private static void collect(String pointer, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject() && !node.isEmpty()) {
            for (String field : node.propertyNames()) {
                collect(pointer + "/" + field.replace("~", "~0").replace("/", "~1"), node.get(field), out);
            }
        } else {
            out.put(pointer, node);
        }
    }
}
