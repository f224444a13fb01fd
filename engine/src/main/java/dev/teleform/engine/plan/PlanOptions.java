package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import java.util.Set;

/**
 * How to plan.
 *
 * @param targets  only these addresses and what they depend on (empty: everything)
 * @param replaces delete and re-create these roles or users
 * @param excludes leave these addresses out, and everything that depends on them
 * @param allowDestroy the plan may delete workload clusters ({@code --allow-destroy}): see {@link Plan#allowDestroy}
 * @param readWorkloadClusters join each active workload cluster to read its roles and users; when false
 *                 ({@code --no-join-clusters}) they are taken from state as last applied: see
 *                 {@link Plan#workloadClustersRead}
 */
public record PlanOptions(PlanMode mode, Set<Address> targets, Set<Address> replaces, Set<Address> excludes,
        boolean allowDestroy, boolean readWorkloadClusters) {

    public PlanOptions {
        targets = Set.copyOf(targets);
        replaces = Set.copyOf(replaces);
        excludes = Set.copyOf(excludes);
        if (mode == PlanMode.REFRESH_ONLY && !excludes.isEmpty()) {
            // a refresh-only plan accepts every drift into state: nothing of it could be left out
            throw new IllegalArgumentException("--exclude cannot be combined with --refresh-only");
        }
        if (mode == PlanMode.REFRESH_ONLY && !readWorkloadClusters) {
            // what refresh-only reports is what changed outside Teleform, which only reading the clusters finds
            throw new IllegalArgumentException("--no-join-clusters cannot be combined with --refresh-only");
        }
    }

    public PlanOptions(PlanMode mode, Set<Address> targets, Set<Address> replaces, Set<Address> excludes,
            boolean allowDestroy) {
        this(mode, targets, replaces, excludes, allowDestroy, true);
    }

    public PlanOptions(PlanMode mode, Set<Address> targets, Set<Address> replaces, Set<Address> excludes) {
        this(mode, targets, replaces, excludes, false);
    }

    public PlanOptions(PlanMode mode, Set<Address> targets, Set<Address> replaces) {
        this(mode, targets, replaces, Set.of());
    }

    /** The same, with {@code --allow-destroy} given or not. */
    public PlanOptions withAllowDestroy(boolean allowed) {
        return new PlanOptions(mode, targets, replaces, excludes, allowed, readWorkloadClusters);
    }

    /** The same, with {@code --no-join-clusters} given ({@code read} false) or not. */
    public PlanOptions withReadWorkloadClusters(boolean read) {
        return new PlanOptions(mode, targets, replaces, excludes, allowDestroy, read);
    }

    public static PlanOptions normal() {
        return new PlanOptions(PlanMode.NORMAL, Set.of(), Set.of(), Set.of(), false, true);
    }
}
