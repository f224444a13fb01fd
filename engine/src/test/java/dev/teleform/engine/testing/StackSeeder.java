package dev.teleform.engine.testing;



import dev.teleform.engine.addr.Address;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.Providers;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.ProviderConfigs;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Brings a stack live (on the simulator, found through ServiceLoader) and into state the simple way,
 * so plan tests and benchmarks can start from "applied":
 * workload clusters, then parent roles and users, then each cluster's roles and users through its
 * bot. It is a test fixture, not apply: no plan, no graph, no checkpoints.
 */
public final class StackSeeder {

    private StackSeeder() {
    }

    public static void apply(Path dir) {
        StackResult result = new StackReader(LoadOptions.defaults()).read(dir);
        if (!(result instanceof StackResult.Valid)) {
            throw new IllegalStateException("cannot seed an invalid stack:\n" + result.diagnostics().format(dir));
        }
        Stack stack = ((StackResult.Valid) result).stack();
        Map<Address, ResourceState> entries = new TreeMap<>();
        Map<String, ClusterCredentials> credentials = new HashMap<>();
        try (Provider provider = Providers.factory("simulator").get().open(ProviderConfigs.of(stack, InstantSource.system()))) {
            for (ResourceKind kind : ResourceKind.values()) {
                for (Resource resource : stack.resources()) {
                    if (resource.kind() != kind) {
                        continue;
                    }
                    ClusterTarget target = resource.address().inParentCluster() ? ClusterTarget.parent()
                            : ClusterTarget.child(credentials.computeIfAbsent(resource.cluster(),
                                    cluster -> ok(provider.bootstrap(ClusterTarget.parent(), cluster))));
                    LiveResource live = ok(kind == ResourceKind.WORKLOAD_CLUSTER
                            ? provider.upsert(target, resource.document()) : provider.create(target, resource.document()));
                    entries.put(resource.address(), new ResourceState(resource.address(), resource.document(),
                            JsonNodeFactory.instance.objectNode().put("revision", live.revision()),
                            resource.lifecycle().preventDestroy()));
                }
            }
            credentials.values().forEach(ClusterCredentials::close);
        }
        var settings = stack.settings().state();
        StateStore store = new GitStateStore(dir.resolve(settings.repo()), settings.branch(), settings.file(),
                stack.settings().name(), InstantSource.system());
        StateStore.Snapshot read = store.read().get();
        if (store.write(read.state().next(entries), read.version(), "seed for a test").isLeft()) {
            throw new IllegalStateException("cannot write the seeded state");
        }
    }

    private static <T> T ok(Either<ProviderError, T> result) {
        return result.getOrElseGet(error -> {
            throw new AssertionError("seeding failed: " + error);
        });
    }
}
