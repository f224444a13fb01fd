package dev.teleform.engine.state;

import dev.teleform.engine.addr.Address;
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
 */
public record ResourceState(Address address, ObjectNode applied, ObjectNode observed, boolean preventDestroy) {}
