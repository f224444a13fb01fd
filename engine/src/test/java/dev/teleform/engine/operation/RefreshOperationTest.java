package dev.teleform.engine.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.operation.access.AccessSettings;
import dev.teleform.engine.operation.access.ClusterAccess;
import dev.teleform.engine.plan.LiveSnapshot;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.RoleRules;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.testing.LatencyProvider;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertSame;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Refresh lists each cluster's managed kinds, and where listing is denied (a workload cluster's bot may lack
 * {@code list}) reads the managed names instead: what a plan needs, in calls per cluster, never per resource.
 */
@Timeout(60) // a refresh that waits for a read no one makes hangs: it must fail instead
class RefreshOperationTest {

    @TempDir
    Path dir;

    private static final Set<Address> MANAGED = Set.of(role("team", "c0"), user("alice", "c0"), role("gone", "c0"),
            role("team", "c1"), user("alice", "c1"), role("ops", ""));

    @Test
    void aClusterWhoseListingIsDeniedIsReadByTheNamesTheStackAndStateManage() {
        Fleet fleet = new Fleet(2, Set.of("c0", "c1"));
        LiveSnapshot live = refresh(fleet, MANAGED, 1);
        assertEquals(Set.of(role("team", "c0"), user("alice", "c0"), role("team", "c1"), user("alice", "c1"),
                role("ops", "")), live.resources().keySet(), "managed names that exist; unmanaged ones stay unseen");
        assertTrue(fleet.reads.contains("getNamed c0 {role=[gone, team], user=[alice]}"), fleet.reads::toString);
        assertEquals(EnumSet.of(Verb.READ, Verb.CREATE, Verb.UPDATE), live.cluster("c0").orElseThrow().roleVerbs(),
                "its permissions come from a read of its role by name");
    }

    @Test
    void withListingGrantedEveryClusterIsListedAndNothingIsReadByName() {
        Fleet fleet = new Fleet(3, Set.of());
        LiveSnapshot live = refresh(fleet, Set.of(role("team", "c0"), role("team", "c1"), role("team", "c2")), 2);
        assertEquals(3, count(fleet, "listKinds c"));
        assertEquals(0, count(fleet, "getNamed"));
        assertTrue(live.resources().containsKey(role("unmanaged", "c2")), "a listing shows what is not managed too");
    }

    @Test
    void afterOneDeniedListingTheRestOfTheFleetIsReadByNameStraightAway() {
        Fleet fleet = new Fleet(6, Set.of("c0", "c1", "c2", "c3", "c4", "c5"));
        Set<Address> managed = new HashSet<>();
        for (int c = 0; c < 6; c++) {
            managed.add(role("team", "c" + c));
        }
        LiveSnapshot live = refresh(fleet, managed, 4);
        assertEquals(1, count(fleet, "listKinds c"), "one cluster learns it, the others wait for its answer: "
                + fleet.reads);
        assertEquals(6, count(fleet, "getNamed c"));
        assertEquals(managed, live.resources().keySet());
    }

    @Test
    void aParentWhoseListingIsDeniedIsReadByNameTooWithTheWorkloadClustersItsContentsNeed() {
        Fleet fleet = new Fleet(1, Set.of("", "c0"));
        LiveSnapshot live = refresh(fleet, Set.of(role("ops", ""), role("team", "c0")), 1);
        assertTrue(fleet.reads.contains("getNamed  {workload_cluster=[c0], role=[ops]}"), fleet.reads::toString);
        assertTrue(live.cluster("c0").orElseThrow().read());
        assertTrue(live.resources().containsKey(role("team", "c0")));
    }

    @Test
    void aListingThatFailsForAnotherReasonIsReportedNotReadAround() {
        Fleet fleet = new Fleet(1, Set.of());
        fleet.listFailure = new ProviderError.BadParameter("mixed resource types only support YAML formatting");
        Outcome<LiveSnapshot> read = read(fleet, Set.of(role("team", "c0")), 1);
        assertFalse(read.succeeded());
        assertEquals(0, count(fleet, "getNamed"));
    }

    @Test
    void aFedSnapshotIsReadNoMoreThanTwiceTheParallelismAheadOfItsPlanner() {
        int clusters = 12;
        int parallelism = 2;
        Fleet fleet = new Fleet(clusters, Set.of());
        Set<Address> managed = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            managed.add(role("team", "c" + c));
            names.add("c" + c);
        }
        names.sort(null);
        List<Long> ahead = new ArrayList<>();
        Outcome<RefreshOperation.Fed<Integer>> fed = new RefreshOperation(fleet, access(fleet), parallelism)
                .readWith(new RefreshOperation.Scope(managed), live -> {
                    for (int i = 0; i < names.size(); i++) {
                        sleep(); // a slow planner: reading would run ahead of it as far as it may
                        live.reach(names.get(i));
                        assertTrue(live.resources().containsKey(role("team", names.get(i))));
                        ahead.add(count(fleet, "listKinds c") - (i + 1));
                    }
                    return live.clusters().size();
                });
        assertEquals(clusters, fed.orElseThrow().value());
        assertTrue(ahead.stream().allMatch(n -> n <= 2 * parallelism), "clusters read before they were needed: " + ahead);
    }

    @Test
    void withoutJoiningNoWorkloadClusterIsReachedAndStateStandsInForItsContents() throws IOException {
        Fleet fleet = new Fleet(3, Set.of());
        ObjectNode team = JsonNodeFactory.instance.objectNode().put("kind", "role");
        team.putObject("metadata").put("name", "team");
        Map<Address, ResourceState> entries = new TreeMap<>();
        entries.put(role("team", "c0"), new ResourceState(role("team", "c0"), team, JsonNodeFactory.instance.objectNode(),
                false));
        entries.put(role("team", "c1"), new ResourceState(role("team", "c1"), team, JsonNodeFactory.instance.objectNode(),
                false));
        entries.put(role("team", "c9"), new ResourceState(role("team", "c9"), team, JsonNodeFactory.instance.objectNode(),
                false));
        State state = new State("lineage", 1, "s", new TreeMap<>(entries));
        Path pem = Files.writeString(dir.resolve("c1.pem"), "identity");
        ClusterAccess access = new ClusterAccess(fleet, new AccessSettings(Optional.empty(), Map.of("c1", pem)),
                direct(), InstantSource.system());
        RefreshOperation.Scope scope = new RefreshOperation.Scope(Set.of(role("team", "c0"), user("alice", "c0"),
                role("team", "c1"), role("team", "c9"), role("ops", "")));
        LiveSnapshot live = new RefreshOperation(fleet, access, 2).withoutJoining(AppliedContents.of(state, stack()))
                .readWith(scope, snapshot -> {
                    scope.clusters().keySet().forEach(snapshot::reach);
                    return snapshot;
                }).orElseThrow().value();

        assertEquals(List.of("listKinds "), List.copyOf(fleet.reads), "the parent only: no join, read or permission "
                + "check in a workload cluster");
        assertSame(team, live.get(role("team", "c0")).orElseThrow().document(), "state's document stands in");
        assertTrue(live.get(role("unmanaged", "c0")).isEmpty());
        assertTrue(live.get(user("alice", "c0")).isEmpty(), "not in state: the plan creates it");
        LiveSnapshot.ClusterView c0 = live.cluster("c0").orElseThrow();
        assertTrue(c0.read(), "its contents count as known");
        assertEquals(EnumSet.of(Verb.READ, Verb.CREATE, Verb.UPDATE), c0.roleVerbs(), "what Teleport Cloud promises its bot");
        assertEquals(c0.roleVerbs(), c0.userVerbs());
        assertEquals("its bot, not joined", c0.identity());
        LiveSnapshot.ClusterView c1 = live.cluster("c1").orElseThrow();
        assertEquals(EnumSet.allOf(Verb.class), c1.roleVerbs(), "an identity file's permissions are the joined plan's to judge");
        assertEquals(Set.of(), c1.userVerbs(), "no user managed there");
        assertEquals("identity file c1.pem, not joined", c1.identity());
        LiveSnapshot.ClusterView c9 = live.cluster("c9").orElseThrow();
        assertFalse(c9.exists(), "a cluster the parent lacks is as ever");
        assertTrue(live.get(role("team", "c9")).isEmpty(), "nothing stands in for what is in a cluster that is gone");
    }

    private Stack stack() throws IOException {
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: s}
                spec: {provider: teleport, parent: {proxy: example.teleport.sh:443}}
                """);
        return ((StackResult.Valid) new StackReader(LoadOptions.defaults()).read(dir)).stack();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static LiveSnapshot refresh(Fleet fleet, Set<Address> managed, int parallelism) {
        return read(fleet, managed, parallelism).orElseThrow();
    }

    /** What is live in {@code managed}, every cluster reached and none passed: all of it at once. */
    private static Outcome<LiveSnapshot> read(Fleet fleet, Set<Address> managed, int parallelism) {
        RefreshOperation.Scope scope = new RefreshOperation.Scope(managed);
        return new RefreshOperation(fleet, access(fleet), parallelism).readWith(scope, live -> {
            scope.clusters().keySet().forEach(live::reach);
            return live;
        }).map(RefreshOperation.Fed::value);
    }

    private static ClusterAccess access(Provider provider) {
        return new ClusterAccess(provider, AccessSettings.BOTS, direct(), InstantSource.system());
    }

    private static ClusterAccess.Calls direct() {
        return new ClusterAccess.Calls() {
            @Override
            public <T> Either<ProviderError, T> call(Address about, Supplier<Either<ProviderError, T>> call) {
                return call.get();
            }
        };
    }

    private static long count(Fleet fleet, String prefix) {
        return fleet.reads.stream().filter(call -> call.startsWith(prefix)).count();
    }

    private static Address role(String name, String cluster) {
        return Address.in(ResourceKind.ROLE, name, cluster);
    }

    private static Address user(String name, String cluster) {
        return Address.in(ResourceKind.USER, name, cluster);
    }

    /**
     * A parent with active workload clusters {@code c0..cN}, each holding roles {@code team} and {@code unmanaged},
     * user {@code alice}, and its bot's role; the parent holds role {@code ops}. Listing is denied in the clusters
     * named ("" for the parent), with Teleport's text. Records each read; joins and the rest as {@link LatencyProvider}.
     */
    private static final class Fleet extends LatencyProvider {

        private final Map<String, Map<ResourceKind, Map<String, ObjectNode>>> clusters = new TreeMap<>();
        private final Set<String> listDenied;
        private final ConcurrentLinkedQueue<String> reads = new ConcurrentLinkedQueue<>();
        private volatile ProviderError listFailure;

        Fleet(int size, Set<String> listDenied) {
            super(Duration.ZERO, Duration.ZERO);
            this.listDenied = Set.copyOf(listDenied);
            put("", ResourceKind.ROLE, "ops");
            for (int c = 0; c < size; c++) {
                String name = "c" + c;
                ObjectNode cluster = put("", ResourceKind.WORKLOAD_CLUSTER, name);
                cluster.putObject("status").put("state", "active").put("domain", name + ".teleport.sh");
                put(name, ResourceKind.ROLE, "team");
                put(name, ResourceKind.ROLE, "unmanaged");
                put(name, ResourceKind.USER, "alice");
                ObjectNode bot = put(name, ResourceKind.ROLE, name + "-bot");
                bot.putObject("spec").putObject("allow").putArray("rules").addObject()
                        .set("resources", JsonNodeFactory.instance.arrayNode().add("role").add("user"));
                ((ObjectNode) bot.at("/spec/allow/rules/0")).set("verbs", JsonNodeFactory.instance.arrayNode()
                        .add("read").add("create").add("update"));
            }
        }

        private ObjectNode put(String cluster, ResourceKind kind, String name) {
            ObjectNode document = JsonNodeFactory.instance.objectNode().put("kind", kind.kind());
            document.putObject("metadata").put("name", name);
            clusters.computeIfAbsent(cluster, c -> new EnumMap<>(ResourceKind.class))
                    .computeIfAbsent(kind, k -> new TreeMap<>()).put(name, document);
            return document;
        }

        private Map<String, ObjectNode> of(ClusterTarget target, ResourceKind kind) {
            return clusters.getOrDefault(target.clusterName(), Map.of()).getOrDefault(kind, Map.of());
        }

        @Override
        public Either<ProviderError, Map<ResourceKind, List<LiveResource>>> listKinds(ClusterTarget target,
                Set<ResourceKind> kinds) {
            reads.add("listKinds " + target.clusterName());
            if (listFailure != null) {
                return Either.left(listFailure);
            }
            if (listDenied.contains(target.clusterName())) {
                ResourceKind first = new TreeSet<>(kinds).first();
                return Either.left(new ProviderError.AccessDenied("getting resource \"\" of type \"" + first.kind()
                        + "\": " + RoleRules.denied(Verb.LIST, first.kind())));
            }
            Map<ResourceKind, List<LiveResource>> lists = new EnumMap<>(ResourceKind.class);
            kinds.forEach(kind -> lists.put(kind, of(target, kind).values().stream()
                    .map(document -> new LiveResource(kind, document.at("/metadata/name").asString(), document))
                    .toList()));
            return Either.right(lists);
        }

        @Override
        public Either<ProviderError, Map<ResourceKind, List<LiveResource>>> getNamed(ClusterTarget target,
                Map<ResourceKind, Set<String>> names) {
            reads.add("getNamed " + target.clusterName() + " " + new TreeMap<>(names));
            Map<ResourceKind, List<LiveResource>> found = new EnumMap<>(ResourceKind.class);
            names.forEach((kind, wanted) -> {
                List<LiveResource> existing = new ArrayList<>();
                new TreeSet<>(wanted).forEach(name -> {
                    ObjectNode document = of(target, kind).get(name);
                    if (document != null) {
                        existing.add(new LiveResource(kind, name, document));
                    }
                });
                found.put(kind, existing);
            });
            return Either.right(found);
        }

        @Override
        public Either<ProviderError, List<LiveResource>> list(ClusterTarget target, ResourceKind kind) {
            return listKinds(target, Set.of(kind)).map(lists -> lists.get(kind));
        }

        @Override
        public Either<ProviderError, LiveResource> get(ClusterTarget target, ResourceKind kind, String name) {
            reads.add("get " + target.clusterName() + " " + kind.kind() + "/" + name);
            ObjectNode document = of(target, kind).get(name);
            return document == null ? Either.left(new ProviderError.NotFound(kind.kind() + " " + name + " is not found"))
                    : Either.right(new LiveResource(kind, name, document));
        }

        @Override
        public Either<ProviderError, ClusterCredentials> bootstrap(ClusterTarget.Parent parent, String workloadCluster) {
            reads.add("bootstrap " + workloadCluster);
            return super.bootstrap(parent, workloadCluster);
        }

        @Override
        public Either<ProviderError, ClusterCredentials> login(ClusterTarget.Parent parent, String workloadCluster,
                Path identityFile) {
            reads.add("login " + workloadCluster);
            return super.login(parent, workloadCluster, identityFile);
        }

        @Override
        public Either<ProviderError, Set<Verb>> permissions(ClusterTarget target, ResourceKind kind) {
            reads.add("permissions " + target.clusterName() + " " + kind.kind());
            return get(target, ResourceKind.ROLE, target.clusterName() + "-bot")
                    .map(role -> RoleRules.verbs(List.of(role.document()), kind.kind()));
        }
    }
}
