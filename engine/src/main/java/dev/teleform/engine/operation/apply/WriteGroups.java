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
 * together} as one unit ({@link WriteTogether}): each workload cluster's creates and updates of roles and users, and
 * the parent's creates of workload clusters. A group starts when every step its members wait on outside it has ended,
 * and its members end together; a step that waits on a step outside the group that waits on a member is left out,
 * so grouping cannot make the walk wait on itself. A group writes its creates before its updates, so a create that
 * waits on an update of the same group is left out too.
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
        Map<String, Integer> position = new HashMap<>();
        plan.steps().forEach(step -> position.put(step.id(), position.size()));
        Map<String, Group> byStep = new HashMap<>();
        candidates.forEach((key, steps) -> {
            Group group = settle(plan.steps(), position, steps);
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
        boolean write = step.action() instanceof Action.Create || step.action() instanceof Action.Update;
        if (!write || address.inParentCluster() && address.kind() != ResourceKind.WORKLOAD_CLUSTER) {
            return Optional.empty();
        }
        if (address.kind() == ResourceKind.WORKLOAD_CLUSTER) {
            // a workload cluster's spec never changes, so it has no update
            return step.action() instanceof Action.Create ? Optional.of("") : Optional.empty();
        }
        return Optional.of(address.cluster());
    }

    /**
     * Drops, until none is left to drop, each candidate that waits on a step outside the group that itself waits,
     * however indirectly, on a member (the group would wait on itself), and each create that waits on an update (a
     * group writes its creates first).
     */
    private static Group settle(List<PlanStep> plan, Map<String, Integer> position, List<PlanStep> candidates) {
        List<PlanStep> members = new ArrayList<>(candidates);
        boolean dropped = true;
        while (dropped && !members.isEmpty()) {
            Set<String> ids = ids(members);
            Set<String> after = downstream(plan, position, members, ids);
            Set<String> updates = ids(members.stream().filter(member -> member.action() instanceof Action.Update).toList());
            dropped = members.removeIf(member -> member.dependsOn().stream()
                    .anyMatch(id -> !ids.contains(id) && after.contains(id)
                            || member.action() instanceof Action.Create && updates.contains(id)));
        }
        Set<String> ids = ids(members);
        List<String> outside = members.stream().flatMap(member -> member.dependsOn().stream())
                .filter(id -> !ids.contains(id)).distinct().sorted().toList();
        return new Group(members, outside);
    }

    /**
     * Those steps of {@code plan} outside the group that members wait on and that wait, however indirectly, on a
     * member. A plan lists each step after the steps it depends on, so only a step listed after the group's first
     * member can; usually none is (a member waits only on its cluster's join), and the plan is not walked at all.
     */
    private static Set<String> downstream(List<PlanStep> plan, Map<String, Integer> position, List<PlanStep> members,
            Set<String> ids) {
        int first = members.stream().mapToInt(member -> position.get(member.id())).min().orElseThrow();
        boolean anyLater = members.stream().flatMap(member -> member.dependsOn().stream())
                .anyMatch(id -> !ids.contains(id) && position.getOrDefault(id, -1) > first);
        Set<String> after = new HashSet<>();
        if (!anyLater) {
            return after;
        }
        for (PlanStep step : plan.subList(first, plan.size())) {
            if (!ids.contains(step.id())
                    && step.dependsOn().stream().anyMatch(id -> ids.contains(id) || after.contains(id))) {
                after.add(step.id());
            }
        }
        return after;
    }

    private static Set<String> ids(List<PlanStep> steps) {
        Set<String> ids = new HashSet<>();
        steps.forEach(step -> ids.add(step.id()));
        return ids;
    }
}
