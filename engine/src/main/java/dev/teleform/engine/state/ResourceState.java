package dev.teleform.engine.state;

import dev.teleform.engine.addr.Address;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * What state remembers of one resource.
 *
 * @param address  the resource
 * @param applied  the document Teleform last sent (Teleform's keys stripped): the "last-applied"
 *                 side of the three-way diff
 * @param observed what the server reported after that write: {@code revision}, a workload
 *                 cluster's {@code status}; never a secret
 * @param preventDestroy the resource's {@code lifecycle.prevent_destroy} when applied, kept so that
 *                 removing it from the stack is still refused
 * @param invitePending a user whose invite link was wanted and has not reached anyone yet: the next plan
 *                 plans the invite again. Only the fact is kept, never a link or token.
 * @param sensitive JSON Pointers of the fields of {@code applied} that took a sensitive variable's value:
 *                 {@code applied} holds a placeholder there, never the value, so they cannot show drift
 * @param creating written before a user's create whose invite is wanted, so that a run killed right after
 *                 the create still owes the invite: the resource may or may not exist, and {@code applied}
 *                 is what the create sends. The write that follows the create replaces it.
 */
public record ResourceState(Address address, ObjectNode applied, ObjectNode observed, boolean preventDestroy,
        boolean invitePending, Set<String> sensitive, boolean creating) {

    /** Shared by the entries without sensitive fields, nearly all: a fleet's state holds one per resource. */
    private static final SortedSet<String> NONE = Collections.emptySortedSet();

    public ResourceState {
        sensitive = sensitive.isEmpty() ? NONE : Collections.unmodifiableSortedSet(new TreeSet<>(sensitive));
    }

    public ResourceState(Address address, ObjectNode applied, ObjectNode observed, boolean preventDestroy) {
        this(address, applied, observed, preventDestroy, false, Set.of(), false);
    }

    public ResourceState(Address address, ObjectNode applied, ObjectNode observed, boolean preventDestroy,
            boolean invitePending, Set<String> sensitive) {
        this(address, applied, observed, preventDestroy, invitePending, sensitive, false);
    }

    /** The same entry with the invite pending or not. */
    public ResourceState withInvitePending(boolean pending) {
        return new ResourceState(address, applied, observed, preventDestroy, pending, sensitive, creating);
    }

    /** The same entry under {@code newAddress}, with {@code newApplied} and {@code newObserved}. */
    public ResourceState with(Address newAddress, ObjectNode newApplied, ObjectNode newObserved) {
        return new ResourceState(newAddress, newApplied, newObserved, preventDestroy, invitePending, sensitive, creating);
    }
}
