package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What refresh found live: the managed kinds of every cluster that could be read, and for each
 * workload cluster whether it could be read and what its identity may do.
 */
public record LiveSnapshot(Map<Address, LiveResource> resources, Map<String, ClusterView> clusters) {

    public LiveSnapshot {
        resources = Map.copyOf(resources);
        clusters = Map.copyOf(clusters);
    }

    public Optional<LiveResource> get(Address address) {
        return Optional.ofNullable(resources.get(address));
    }

    public Optional<ClusterView> cluster(String name) {
        return Optional.ofNullable(clusters.get(name));
    }

    /**
     * One workload cluster as refresh saw it.
     *
     * @param status    its status; empty state when it does not exist yet
     * @param exists    whether the parent has it
     * @param read      whether its roles and users were read (it is active and credentials worked)
     * @param identity  who read it ({@code bot example-iam}), for messages
     * @param roleVerbs what that identity may do with roles
     * @param userVerbs what it may do with users
     */
    public record ClusterView(String name, boolean exists, WorkloadClusterStatus status, boolean read, String identity,
            Set<Verb> roleVerbs, Set<Verb> userVerbs) {

        public Set<Verb> verbs(dev.teleform.engine.addr.ResourceKind kind) {
            return kind == dev.teleform.engine.addr.ResourceKind.USER ? userVerbs : roleVerbs;
        }
    }
}
