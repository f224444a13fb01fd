package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import java.util.Set;

/**
 * How to plan.
 *
 * @param targets  only these addresses and what they depend on (empty: everything)
 * @param replaces delete and re-create these roles or users
 */
public record PlanOptions(PlanMode mode, Set<Address> targets, Set<Address> replaces) {

    public PlanOptions {
        targets = Set.copyOf(targets);
        replaces = Set.copyOf(replaces);
    }

    public static PlanOptions normal() {
        return new PlanOptions(PlanMode.NORMAL, Set.of(), Set.of());
    }
}
