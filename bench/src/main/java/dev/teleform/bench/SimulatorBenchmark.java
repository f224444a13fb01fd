package dev.teleform.bench;

import static dev.teleform.bench.BenchSupport.option;

import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.Providers;
import dev.teleform.engine.addr.ResourceKind;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulator throughput on a 10,000-resource data directory (100 workload clusters, each with 50
 * roles and 49 users written through its bot): writes per second, then reads per second (bulk lists
 * and single gets), sequentially and with 10 concurrent callers; then the data directory's size.
 *
 * <p>Usage: {@code bench/run SimulatorBenchmark [--clusters N] [--threads N]}
 */
public final class SimulatorBenchmark {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SimulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clusters = option(args, "--clusters", 100);
        int threads = option(args, "--threads", 10);
        Path data = Files.createTempDirectory("teleform-sim-bench").resolve("sim");
        ProviderConfig config = new ProviderConfig(data.getParent(), "bench", Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), new ProviderConfig.Tools("tctl", "tbot"),
                new ProviderConfig.SimulatorOptions(data, Duration.ZERO, "123456789012",
                        "arn:aws:iam::123456789012:role/teleform-sim"), InstantSource.system());
        try (Provider provider = Providers.factory("simulator").get().open(config)) {
            List<ClusterTarget> children = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clusters; c++) {
                ok(provider.create(ClusterTarget.parent(), cluster("tenant-" + c)));
                children.add(ClusterTarget.child(ok(provider.bootstrap(ClusterTarget.parent(), "tenant-" + c))));
            }
            report("create workload clusters + bootstrap", clusters * 2, start);

            int half = children.size() / 2;
            start = System.nanoTime();
            for (ClusterTarget child : children.subList(0, half)) {
                writeTenant(provider, child);
            }
            report("writes, 1 caller (roles, users)", half * 99, start);
            start = System.nanoTime();
            runConcurrently(threads, children.subList(half, children.size()).stream()
                    .<Callable<Void>>map(child -> () -> {
                        writeTenant(provider, child);
                        return null;
                    }).toList());
            report("writes, " + threads + " callers", (children.size() - half) * 99, start);

            start = System.nanoTime();
            long documents = 0;
            for (ClusterTarget child : children) {
                documents += ok(provider.list(child, ResourceKind.ROLE)).size();
                documents += ok(provider.list(child, ResourceKind.USER)).size();
            }
            report("bulk list calls (" + documents + " documents)", children.size() * 2, start);
            System.out.printf("  = %.0f documents/s read by list%n", documents / seconds(start));

            start = System.nanoTime();
            for (ClusterTarget child : children) {
                for (int r = 0; r < 50; r++) {
                    ok(provider.get(child, ResourceKind.ROLE, "team-" + r));
                }
            }
            report("gets, 1 caller", children.size() * 50, start);
            start = System.nanoTime();
            runConcurrently(threads, children.stream().<Callable<Void>>map(child -> () -> {
                for (int u = 0; u < 49; u++) {
                    ok(provider.get(child, ResourceKind.USER, "user-" + u));
                }
                return null;
            }).toList());
            report("gets, " + threads + " callers", children.size() * 49, start);
        }
        BenchSupport.DiskUsage size = BenchSupport.diskUsage(data);
        System.out.printf("data dir: %d files, %.1f MiB of content, %.1f MiB on disk (4 KiB blocks)%n",
                size.files(), size.bytes() / 1048576.0, size.files() * 4096 / 1048576.0);
    }

    private static void writeTenant(Provider provider, ClusterTarget child) {
        for (int r = 0; r < 50; r++) {
            ok(provider.create(child, role("team-" + r)));
        }
        for (int u = 0; u < 49; u++) {
            ok(provider.create(child, user("user-" + u, "team-" + (u % 50))));
        }
    }

    private static void runConcurrently(int threads, List<Callable<Void>> tasks) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Void>> futures = pool.invokeAll(tasks);
            for (Future<Void> f : futures) {
                f.get();
            }
        }
    }

    private static ObjectNode cluster(String name) {
        ObjectNode cluster = NODES.objectNode().put("kind", "workload_cluster").put("version", "v1");
        cluster.putObject("metadata").put("name", name);
        ObjectNode spec = cluster.putObject("spec");
        spec.putArray("regions").addObject().put("name", "us-west-2");
        spec.putObject("bot").put("name", name + "-bot");
        spec.putObject("token").put("join_method", "iam").putArray("allow").addObject()
                .put("aws_account", "123456789012").put("aws_arn", "arn:aws:iam::123456789012:role/*");
        return cluster;
    }

    private static ObjectNode role(String name) {
        ObjectNode role = NODES.objectNode().put("kind", "role").put("version", "v7");
        role.putObject("metadata").put("name", name);
        ObjectNode allow = role.putObject("spec").putObject("allow");
        allow.putArray("logins").add("ubuntu").add(name);
        allow.putObject("node_labels").put("team", name);
        return role;
    }

    private static ObjectNode user(String name, String role) {
        ObjectNode user = NODES.objectNode().put("kind", "user").put("version", "v2");
        user.putObject("metadata").put("name", name);
        user.putObject("spec").putArray("roles").add(role);
        return user;
    }

    private static <T> T ok(Either<ProviderError, T> result) {
        return result.getOrElseGet(error -> {
            throw new IllegalStateException(error.toString());
        });
    }

    private static void report(String what, long calls, long start) {
        double s = seconds(start);
        System.out.printf("%-44s %6d calls in %6.2f s = %7.0f calls/s%n", what, calls, s, calls / s);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

}
