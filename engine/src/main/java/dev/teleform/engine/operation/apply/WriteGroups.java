package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which writes of a plan go to a provider that {@link dev.teleform.engine.provider.Provider#writesTogether writes
 * together} as one unit ({@link WriteTogether}): each workload cluster's creates and updates of roles and users whose
 * steps wait on nothing but the cluster's join and one another, and the parent's creates of workload clusters that
 * wait on nothing. A group starts when what its members wait on outside it has ended, and its members end together.
 * Since nothing outside a group waits between two of its members, grouping cannot make the walk wait on itself. A
 * group writes its creates before its updates, so a create that waits on an update of the same group is left out.
 */
final class WriteGroups {

    /** Writes that go together, in plan order (a user after the roles it names); compared by identity. */
    static final class Group {
        private final List<PlanStep> members;
        private final List<String> outside;

        private Group(List<PlanStep> members, List<String> outside) {
            this.members = List.copyOf(members);
            this.outside = List.copyOf(outside);
        }

        List<PlanStep> members() {
            return members;
        }

        /** The steps outside the group that its members wait on. */
        List<String> outside() {
            return outside;
        }

        /** The member the walk reaches last: every step the group waits on comes before it in plan order. */
        PlanStep last() {
            return members.getLast();
        }

        /** Workload clusters are written with Teleport Cloud's upsert ({@link Creation#make}). */
        boolean overwrite() {
            return members.getFirst().action().address().kind() == ResourceKind.WORKLOAD_CLUSTER;
        }
    }

    static final WriteGroups NONE = new WriteGroups(Map.of());

    private final Map<String, Group> byStep;

    private WriteGroups(Map<String, Group> byStep) {
        this.byStep = byStep;
    }

    /** The groups of {@code plan}; none unless {@code together}. */
    static WriteGroups of(Plan plan, boolean together) {
        if (!together) {
            return NONE;
        }
        Map<String, List<PlanStep>> candidates = new LinkedHashMap<>();
        for (PlanStep step : plan.steps()) {
            key(step).ifPresent(key -> candidates.computeIfAbsent(key, k -> new ArrayList<>()).add(step));
        }
        Map<String, Group> byStep = new HashMap<>();
        candidates.forEach((key, steps) -> {
            Group group = settle(key, steps);
            group.members().forEach(member -> byStep.put(member.id(), group));
        });
        return new WriteGroups(Map.copyOf(byStep));
    }

    Optional<Group> of(PlanStep step) {
        return Optional.ofNullable(byStep.get(step.id()));
    }

    /**
     * Which group a step may join: creates and updates of roles and users by workload cluster, the parent's creates
     * of workload clusters; nothing else (a replace deletes first, a delete or an invite is one call of its own, a
     * parent's own roles and users are few).
     */
    private static Optional<String> key(PlanStep step) {
        Address address = step.action().address();
        return switch (step.action()) {
            case Action.Create create when address.kind() == ResourceKind.WORKLOAD_CLUSTER -> Optional.of("");
            case Action.Create create when !address.inParentCluster() -> Optional.of(address.cluster());
            case Action.Update update when !address.inParentCluster() -> Optional.of(address.cluster());
            default -> Optional.empty();
        };
    }

    /**
     * Drops, until none is left to drop, each candidate that waits on a step other than another member or, in a
     * workload cluster, its join (what it waits on may itself wait on a member), and each create that waits on an
     * update (a group writes its creates first).
     */
    private static Group settle(String cluster, List<PlanStep> candidates) {
        Set<String> allowedOutside = cluster.isEmpty() ? Set.of()
                : Set.of("bootstrap " + Address.inParent(ResourceKind.WORKLOAD_CLUSTER, cluster));
        List<PlanStep> members = new ArrayList<>(candidates);
        boolean dropped = true;
        while (dropped) {
            Set<String> ids = ids(members);
            Set<String> updates = ids(members.stream().filter(member -> member.action() instanceof Action.Update).toList());
            dropped = members.removeIf(member -> member.dependsOn().stream()
                    .anyMatch(id -> !ids.contains(id) && !allowedOutside.contains(id)
                            || member.action() instanceof Action.Create && updates.contains(id)));
        }
        Set<String> ids = ids(members);
        List<String> outside = members.stream().flatMap(member -> member.dependsOn().stream())
                .filter(id -> !ids.contains(id)).distinct().sorted().toList();
        return new Group(members, outside);
    }

    private static Set<String> ids(List<PlanStep> steps) {
        Set<String> ids = new HashSet<>();
        steps.forEach(step -> ids.add(step.id()));
        return ids;
    }
}
