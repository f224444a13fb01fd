package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What refresh found live: the managed kinds of every cluster that could be read, and for each
 * workload cluster whether it could be read and what its identity may do.
 *
 * <p>A snapshot is either whole (every live document at once) or fed cluster by cluster while the
 * {@link Planner} works ({@link #fed}), so that a fleet's live documents are never all held together: the
 * planner {@linkplain #reach reaches} the workload clusters in name order, and once it has
 * {@linkplain #passed passed} one, the snapshot keeps only what the plan still needs of it, the live documents
 * of the resources the plan changes or reports drift for ({@link #keep}), and its {@link ClusterView}.
 * The parent cluster's documents (the workload clusters themselves) are always kept.
 *
 * <p>Not thread-safe: one planner uses a snapshot at a time.
 */
public final class LiveSnapshot {

    /**
     * Where a fed snapshot's workload clusters come from, each once, in name order.
     */
    public interface Feed {
        /** The cluster as read, waiting for it if need be; every cluster before it was taken or skipped. */
        ClusterRead take(String cluster);

        /** Drops every cluster not taken yet, so that reading can finish. */
        void drain();
    }

    /** One workload cluster as refresh read it: its view, and the live documents of its managed kinds. */
    public record ClusterRead(ClusterView view, Map<Address, LiveResource> resources) {}

    private final Map<Address, LiveResource> resources;
    private final Map<String, ClusterView> clusters;
    private final Feed feed;
    private final Set<Address> kept = new HashSet<>();
    private final Set<String> passed = new HashSet<>();
    /** What each reached cluster brought in, so that passing it looks at its own documents only. */
    private final Map<String, Set<Address>> held = new HashMap<>();

    /** A whole snapshot: every live document is at hand. */
    public LiveSnapshot(Map<Address, LiveResource> resources, Map<String, ClusterView> clusters) {
        this.resources = Map.copyOf(resources);
        this.clusters = Map.copyOf(clusters);
        this.feed = null;
    }

    private LiveSnapshot(Map<Address, LiveResource> parent, Feed feed) {
        this.resources = new HashMap<>(parent);
        this.clusters = new HashMap<>();
        this.feed = feed;
    }

    /** A snapshot that holds the parent's {@code parent} documents and takes each workload cluster from {@code feed}. */
    public static LiveSnapshot fed(Map<Address, LiveResource> parent, Feed feed) {
        return new LiveSnapshot(parent, feed);
    }

    /**
     * What is live at {@code address}. Asking about a resource of a cluster already passed and not kept is a
     * bug, not an absence: it would read as "deleted outside Teleform" and plan a create or a forget.
     */
    public Optional<LiveResource> get(Address address) {
        LiveResource found = resources.get(address);
        if (found == null && passed.contains(address.cluster())) {
            throw new IllegalStateException(address + " was asked for after its cluster was passed");
        }
        return Optional.ofNullable(found);
    }

    public Optional<ClusterView> cluster(String name) {
        return Optional.ofNullable(clusters.get(name));
    }

    /** The live documents held now: all of them for a whole snapshot. */
    public Map<Address, LiveResource> resources() {
        return Collections.unmodifiableMap(resources);
    }

    public Map<String, ClusterView> clusters() {
        return Collections.unmodifiableMap(clusters);
    }

    /** The planner's next resources are in {@code cluster} ("" for the parent): its live documents are brought in. */
    public void reach(String cluster) {
        if (feed == null || cluster.isEmpty()) {
            return;
        }
        if (passed.contains(cluster)) {
            throw new IllegalStateException("workload cluster " + cluster + " was reached again after it was passed");
        }
        ClusterRead read = feed.take(cluster);
        if (read != null) {
            clusters.put(cluster, read.view());
            resources.putAll(read.resources());
            held.put(cluster, read.resources().keySet());
        }
    }

    /** The plan still needs the live document of {@code address} once its cluster is passed. */
    void keep(Address address) {
        kept.add(address);
    }

    /** The planner is done with {@code cluster}: its live documents are let go, but those {@linkplain #keep kept}. */
    void passed(String cluster) {
        if (feed == null || cluster.isEmpty()) {
            return;
        }
        for (Address address : held.getOrDefault(cluster, Set.of())) {
            if (!kept.contains(address)) {
                resources.remove(address);
            }
        }
        held.remove(cluster);
        passed.add(cluster);
    }

    /** The planner is done: clusters it never reached are taken and dropped, so that reading can end. */
    void finished() {
        if (feed != null) {
            feed.drain();
        }
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

        public Set<Verb> verbs(ResourceKind kind) {
            return kind == ResourceKind.USER ? userVerbs : roleVerbs;
        }
    }
}
