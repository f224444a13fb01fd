package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders actions into steps (DESIGN.md §5): create a workload cluster, wait until it is active,
 * join it, then its roles, its users (after the roles they name), their invites; deletes go the other
 * way (users before the roles they name). {@code --target} keeps the targets and what they need;
 * {@code --exclude} leaves out the excluded and what needs them.
 */
final class PlanGraph {

    private final Map<String, Action> byId = new LinkedHashMap<>();
    private final Map<String, Set<String>> dependsOn = new HashMap<>();
    private final Map<Address, List<String>> userRoles;
    private final LiveSnapshot live;
    private final Set<Address> targets;
    private final Map<Address, Address> excludedBecause;

    PlanGraph(List<Action> actions, Map<Address, List<String>> userRoles, LiveSnapshot live, Set<Address> targets,
            Set<Address> excludes) {
        this.userRoles = userRoles;
        this.live = live;
        this.targets = targets;
        actions.forEach(this::add);
        addClusterAccess();
        addResourceOrder();
        this.excludedBecause = excludedWithCauses(excludes);
    }

    /** Whether {@code --exclude} leaves {@code address} out. */
    boolean excludes(Address address) {
        return excludedBecause.containsKey(address);
    }

    /**
     * The resources whose changes {@code --exclude} leaves out, by address: those with steps, those a delete would
     * have taken along, and {@code withProblems} (a refused change is a change too).
     */
    List<Exclusion> excluded(Collection<Address> withProblems) {
        Set<Address> changed = new TreeSet<>();
        withProblems.stream().filter(Objects::nonNull).forEach(changed::add);
        byId.values().forEach(action -> {
            changed.add(action.address());
            if (action instanceof Action.Delete delete) {
                changed.addAll(delete.takesWith());
            }
        });
        return changed.stream().filter(excludedBecause::containsKey)
                .map(address -> new Exclusion(address, excludedBecause.get(address))).toList();
    }

    List<PlanStep> steps() {
        Set<String> kept = withoutExcluded(targets.isEmpty() ? byId.keySet() : closureOfTargets());
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (String id : kept) {
            List<String> deps = dependsOn.getOrDefault(id, Set.of()).stream().filter(kept::contains).toList();
            waiting.put(id, deps.size());
            deps.forEach(dep -> dependents.computeIfAbsent(dep, d -> new ArrayList<>()).add(id));
        }
        PriorityQueue<String> ready = new PriorityQueue<>(Comparator
                .comparing((String id) -> byId.get(id) instanceof Action.Delete || byId.get(id) instanceof Action.Forget)
                .thenComparing(id -> group(byId.get(id)))
                .thenComparingInt(id -> phase(byId.get(id)))
                .thenComparing(id -> byId.get(id).address()));
        waiting.forEach((id, count) -> {
            if (count == 0) {
                ready.add(id);
            }
        });
        List<PlanStep> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            ordered.add(new PlanStep(id, byId.get(id), dependsOn.getOrDefault(id, Set.of()).stream()
                    .filter(kept::contains).sorted().toList()));
            for (String next : dependents.getOrDefault(id, List.of())) {
                if (waiting.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (ordered.size() != kept.size()) {
            throw new IllegalStateException("plan graph has a cycle among " + kept);
        }
        return ordered;
    }

    private void add(Action action) {
        byId.put(PlanStep.idOf(action), action);
    }

    private void depend(String id, String on) {
        if (byId.containsKey(id) && byId.containsKey(on) && !id.equals(on)) {
            dependsOn.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(on);
        }
    }

    /** Wait and bootstrap steps for every workload cluster whose contents the plan touches. */
    private void addClusterAccess() {
        Set<String> clusters = new LinkedHashSet<>();
        for (Action action : List.copyOf(byId.values())) {
            if (!action.address().inParentCluster() && callsTeleport(action)) {
                clusters.add(action.address().cluster());
            }
        }
        for (String cluster : clusters) {
            Address clusterAddress = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, cluster);
            String create = "create " + clusterAddress;
            boolean active = live.cluster(cluster).map(c -> c.status().active()).orElse(false);
            Action bootstrap = new Action.Bootstrap(clusterAddress);
            add(bootstrap);
            if (byId.containsKey(create) || !active) {
                Action wait = new Action.Wait(clusterAddress);
                add(wait);
                depend(PlanStep.idOf(wait), create);
                depend(PlanStep.idOf(bootstrap), PlanStep.idOf(wait));
            }
        }
    }

    private void addResourceOrder() {
        for (Map.Entry<String, Action> entry : List.copyOf(byId.entrySet())) {
            Action action = entry.getValue();
            String id = entry.getKey();
            Address address = action.address();
            if (!address.inParentCluster() && !(action instanceof Action.Wait) && !(action instanceof Action.Bootstrap)) {
                depend(id, "bootstrap " + Address.inParent(ResourceKind.WORKLOAD_CLUSTER, address.cluster()));
            }
            switch (action) {
                case Action.Create c -> rolesFirst(id, address);
                case Action.Update u -> rolesFirst(id, address);
                case Action.Replace r -> rolesFirst(id, address);
                case Action.Invite i -> List.of("create", "replace", "adopt", "update")
                        .forEach(verb -> depend(id, verb + " " + address));
                case Action.Delete d -> deleteOrder(id, address);
                case Action.Forget f -> { }
                case Action.Adopt a -> { }
                case Action.Wait w -> { }
                case Action.Bootstrap b -> { }
            }
        }
    }

    /** A user is written after the roles it names (Teleport refuses a user whose role does not exist). */
    private void rolesFirst(String id, Address address) {
        for (String role : userRoles.getOrDefault(address, List.of())) {
            Address roleAddress = Address.in(ResourceKind.ROLE, role, address.cluster());
            for (String verb : List.of("create", "update", "replace", "adopt")) {
                depend(id, verb + " " + roleAddress);
            }
        }
    }

    /** Users go before roles (Teleport refuses to delete a role still in use), contents before their cluster. */
    private void deleteOrder(String id, Address address) {
        if (address.kind() == ResourceKind.ROLE) {
            byId.forEach((otherId, other) -> {
                if (other.address().kind() == ResourceKind.USER
                        && other.address().cluster().equals(address.cluster())
                        && !(other instanceof Action.Create) && !(other instanceof Action.Invite)) {
                    depend(id, otherId);
                }
            });
        }
    }

    private static boolean callsTeleport(Action action) {
        return switch (action) {
            case Action.Delete d -> !d.alreadyGone();
            case Action.Forget f -> false;
            // Apply reads the resource again before recording it, so a cluster with only adoptions needs credentials.
            case Action.Adopt a -> true;
            case Action.Create c -> true;
            case Action.Update u -> true;
            case Action.Replace r -> true;
            case Action.Invite i -> true;
            case Action.Wait w -> false;
            case Action.Bootstrap b -> false;
        };
    }

    /**
     * The excluded addresses and, transitively, those that depend on them, each with the excluded address it
     * depends on: a workload cluster's contents depend on it, a user on the roles it names, and a resource on
     * those whose steps its own steps wait for (a role's delete waits for its users'), or that its delete takes with it.
     */
    private Map<Address, Address> excludedWithCauses(Set<Address> excludes) {
        Map<Address, Address> because = new LinkedHashMap<>();
        if (excludes.isEmpty()) {
            return because;
        }
        Map<Address, Set<Address>> dependents = new HashMap<>();
        for (Map.Entry<String, Action> entry : byId.entrySet()) {
            Address address = entry.getValue().address();
            if (!address.inParentCluster()) {
                dependentOn(dependents, Address.inParent(ResourceKind.WORKLOAD_CLUSTER, address.cluster()), address);
            }
            if (address.kind() == ResourceKind.USER) {
                userRoles.getOrDefault(address, List.of()).forEach(role ->
                        dependentOn(dependents, Address.in(ResourceKind.ROLE, role, address.cluster()), address));
            }
            dependsOn.getOrDefault(entry.getKey(), Set.of()).forEach(on ->
                    dependentOn(dependents, byId.get(on).address(), address));
            if (entry.getValue() instanceof Action.Delete delete) {
                delete.takesWith().forEach(taken -> dependentOn(dependents, taken, address));
            }
        }
        Deque<Address> todo = new ArrayDeque<>();
        excludes.stream().sorted().forEach(address -> {
            because.put(address, address);
            todo.add(address);
        });
        while (!todo.isEmpty()) {
            Address next = todo.poll();
            for (Address dependent : dependents.getOrDefault(next, Set.of())) {
                if (!because.containsKey(dependent)) {
                    because.put(dependent, because.get(next));
                    todo.add(dependent);
                }
            }
        }
        return because;
    }

    private static void dependentOn(Map<Address, Set<Address>> dependents, Address on, Address dependent) {
        if (!on.equals(dependent)) {
            dependents.computeIfAbsent(on, key -> new TreeSet<>()).add(dependent);
        }
    }

    /**
     * {@code steps} less those of excluded resources; a workload cluster's wait and join go too once nothing kept
     * needs them (they are there only for its contents).
     */
    private Set<String> withoutExcluded(Set<String> steps) {
        if (excludedBecause.isEmpty()) {
            return steps;
        }
        Set<String> kept = new LinkedHashSet<>();
        steps.forEach(id -> {
            if (!excludedBecause.containsKey(byId.get(id).address())) {
                kept.add(id);
            }
        });
        Set<String> needed = new HashSet<>();
        kept.forEach(id -> {
            Action action = byId.get(id);
            if (!(action instanceof Action.Wait) && !(action instanceof Action.Bootstrap)) {
                needed.addAll(dependsOn.getOrDefault(id, Set.of()));
            }
        });
        // a join needs its wait: what a kept resource needs, and what that needs
        for (String id : List.copyOf(needed)) {
            needed.addAll(dependsOn.getOrDefault(id, Set.of()));
        }
        kept.removeIf(id -> (byId.get(id) instanceof Action.Wait || byId.get(id) instanceof Action.Bootstrap)
                && !needed.contains(id));
        return kept;
    }

    /** The targets' steps and, transitively, the steps they depend on. */
    private Set<String> closureOfTargets() {
        Set<String> kept = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        byId.forEach((id, action) -> {
            if (targets.contains(action.address()) && !(action instanceof Action.Wait)
                    && !(action instanceof Action.Bootstrap)) {
                todo.add(id);
            }
        });
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (kept.add(id)) {
                todo.addAll(dependsOn.getOrDefault(id, Set.of()));
            }
        }
        return kept;
    }

    /**
     * Tie-break among ready steps, in the order DESIGN.md §5 names: the parent's own roles and users
     * first, then each workload cluster's create, wait, join, roles, users, invites; deletes last,
     * users before roles, contents before their cluster.
     */
    private static int phase(Action action) {
        Address address = action.address();
        boolean parent = address.inParentCluster();
        boolean cluster = address.kind() == ResourceKind.WORKLOAD_CLUSTER;
        boolean role = address.kind() == ResourceKind.ROLE;
        return switch (action) {
            case Action.Wait w -> 3;
            case Action.Bootstrap b -> 4;
            case Action.Invite i -> 7;
            case Action.Delete d -> cluster ? 12 : parent ? (role ? 11 : 10) : (role ? 9 : 8);
            case Action.Forget f -> 13;
            case Action.Create c -> order(parent, cluster, role);
            case Action.Adopt a -> order(parent, cluster, role);
            case Action.Update u -> order(parent, cluster, role);
            case Action.Replace r -> order(parent, cluster, role);
        };
    }

    /**
     * Steps of one workload cluster stay together (its wait, join, roles, users, invites); the parent's
     * own steps and the clusters' creation come first. Deletes are ordered by phase alone.
     */
    private static String group(Action action) {
        Address address = action.address();
        return switch (action) {
            case Action.Wait w -> address.name();
            case Action.Bootstrap b -> address.name();
            case Action.Delete d -> "";
            case Action.Forget f -> "";
            case Action.Create c -> address.cluster();
            case Action.Adopt a -> address.cluster();
            case Action.Update u -> address.cluster();
            case Action.Replace r -> address.cluster();
            case Action.Invite i -> address.cluster();
        };
    }

    private static int order(boolean parent, boolean cluster, boolean role) {
        if (cluster) {
            return 2;
        }
        if (parent) {
            return role ? 0 : 1;
        }
        return role ? 5 : 6;
    }
}
