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
 */
public record PlanOptions(PlanMode mode, Set<Address> targets, Set<Address> replaces, Set<Address> excludes,
        boolean allowDestroy) {

    public PlanOptions {
        targets = Set.copyOf(targets);
        replaces = Set.copyOf(replaces);
        excludes = Set.copyOf(excludes);
        if (mode == PlanMode.REFRESH_ONLY && !excludes.isEmpty()) {
            // a refresh-only plan accepts every drift into state: nothing of it could be left out
            throw new IllegalArgumentException("--exclude cannot be combined with --refresh-only");
        }
    }

    public PlanOptions(PlanMode mode, Set<Address> targets, Set<Address> replaces, Set<Address> excludes) {
        this(mode, targets, replaces, excludes, false);
    }

    public PlanOptions(PlanMode mode, Set<Address> targets, Set<Address> replaces) {
        this(mode, targets, replaces, Set.of());
    }

    /** The same, with {@code --allow-destroy} given or not. */
    public PlanOptions withAllowDestroy(boolean allowed) {
        return new PlanOptions(mode, targets, replaces, excludes, allowed);
    }

    public static PlanOptions normal() {
        return new PlanOptions(PlanMode.NORMAL, Set.of(), Set.of(), Set.of(), false);
    }
}
