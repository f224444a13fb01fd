package dev.teleform.provider.simulator.command;

import dev.teleform.provider.simulator.cloud.SimConsole;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import dev.teleform.provider.simulator.store.SimStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code teleform sim status}: clusters and their state, deleted clusters, faults, call counters. */
@Command(name = "status", description = "Show the simulated clusters, deleted clusters, faults and call counters.")
final class SimStatusCommand implements Callable<Integer> {

    @ParentCommand
    SimCommand root;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    String format;

    @Override
    public Integer call() {
        return root.withConsole(console -> {
            PrintWriter out = root.context().out();
            if (!console.exists()) {
                out.println("no simulator data in " + console.store().dir() + " yet (it is created on first use)");
                return 0;
            }
            if ("json".equals(format)) {
                out.print(SimOutput.json(asMap(console)));
                return 0;
            }
            print(console, out);
            return 0;
        });
    }

    private static void print(SimConsole console, PrintWriter out) {
        out.println("simulator data: " + console.store().dir());
        out.println("parent cluster: " + count(console.count(SimStore.PARENT, SimulatedCloud.ROLE), "role") + ", "
                + count(console.count(SimStore.PARENT, SimulatedCloud.USER), "user") + ", "
                + count(console.clusters().size(), "workload cluster"));
        List<SimConsole.ClusterSummary> clusters = console.clusters();
        if (!clusters.isEmpty()) {
            out.printf("%-24s %-10s %-32s %6s %6s%n", "WORKLOAD CLUSTER", "STATE", "DOMAIN", "ROLES", "USERS");
            for (SimConsole.ClusterSummary c : clusters) {
                out.printf("%-24s %-10s %-32s %6d %6d%n", c.name(), c.status().state().isEmpty() ? "-" : c.status().state(),
                        c.status().domain().orElse("-"), c.roles(), c.users());
            }
        }
        for (SimConsole.Deletion d : console.deletions()) {
            out.println("deleted: " + d.name() + " at " + d.deletedAt() + ", restorable until " + d.restorableUntil());
        }
        var faults = console.faults().current();
        out.println("faults: " + (faults.isEmpty() ? "none" : faults.toString()));
        Map<String, Long> counters = console.counters();
        out.println("calls: " + (counters.isEmpty() ? "none" : String.join(", ", counters.entrySet().stream()
                .filter(e -> !e.getKey().contains(" ")).map(e -> e.getKey() + " " + e.getValue()).toList())));
        Map<String, Long> created = console.creations();
        out.println("created by writes: " + (created.isEmpty() ? "none" : String.join(", ", created.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList())));
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Map<String, Object> asMap(SimConsole console) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data_dir", console.store().dir().toString());
        out.put("parent", Map.of("roles", console.count(SimStore.PARENT, SimulatedCloud.ROLE),
                "users", console.count(SimStore.PARENT, SimulatedCloud.USER)));
        out.put("workload_clusters", console.clusters().stream().map(c -> {
            Map<String, Object> cluster = new LinkedHashMap<>();
            cluster.put("name", c.name());
            cluster.put("state", c.status().state());
            cluster.put("domain", c.status().domain().orElse(""));
            cluster.put("roles", c.roles());
            cluster.put("users", c.users());
            return cluster;
        }).toList());
        out.put("deleted", console.deletions().stream().map(d -> Map.of("name", d.name(),
                "deleted_at", d.deletedAt().toString(), "restorable_until", d.restorableUntil().toString())).toList());
        out.put("faults", console.faults().current());
        out.put("calls", console.counters());
        out.put("created", console.creations());
        return out;
    }
}
