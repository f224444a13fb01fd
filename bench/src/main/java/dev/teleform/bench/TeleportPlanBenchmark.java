package dev.teleform.bench;

import static dev.teleform.bench.BenchSupport.flag;
import static dev.teleform.bench.BenchSupport.option;
import static dev.teleform.bench.BenchSupport.text;

import dev.teleform.cli.FleetDocuments;
import dev.teleform.engine.testing.StackSeeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A no-change {@code teleform plan} of a {@code provider: teleport} stack (100 workload clusters x (10 roles
 * + 10 users) by default) whose {@code tctl} and {@code tbot} are the simulator's stand-ins, each a JVM
 * process. Prints the processes the plan spawned, by tool, and its wall time; then what one stand-in
 * process costs, and what spawning any process costs, to separate Teleform's share from the stand-ins'.
 *
 * Then a first apply of a smaller teleport stack ({@code --apply-clusters}, same roles and users) through
 * the same stand-ins: processes and wall time, where writes to one cluster share {@code tctl create}s.
 *
 * <p>With {@code --deny-bot-list}, the bots of the fleet's workload clusters may not list users and roles (as
 * Teleport Cloud does not promise they may), so the plan reads each cluster's managed names instead.
 *
 * <p>With {@code --no-invites}, the first apply's users have no {@code invite:} (no sign-up link, no
 * {@code tctl users add}). {@code --apply-runs N} repeats the first apply in fresh clusters for a median wall time;
 * the first one's processes are listed by target and command, and summed up as issue 15 counts them: tctl processes
 * in each workload cluster besides one {@code users add} per invited user, and on the parent for the whole fleet.
 * {@code --max-calls N} is passed to the apply (64 by default); {@code --provisioning D} makes its new workload
 * clusters take D (a Go duration) to become active, so that their waits poll.
 *
 * <p>Usage: {@code bench/run TeleportPlanBenchmark [--clusters N] [--roles N] [--users N] [--runs N]
 * [--apply-clusters N] [--apply-runs N] [--max-calls N] [--provisioning D] [--no-invites] [--deny-bot-list]}
 */
public final class TeleportPlanBenchmark {

    private static final String PARENT_PROXY = "teleform-sim.teleport.sh:443";

    private TeleportPlanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clusters = option(args, "--clusters", 100);
        int runs = option(args, "--runs", 3);
        boolean denyBotList = flag(args, "--deny-bot-list");
        StackGenerator generator = new StackGenerator(clusters, option(args, "--roles", 10), option(args, "--users", 10));
        String jar = System.getProperty("teleform.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path base = Files.createTempDirectory("teleform-tctl-bench");

        Path sim = base.resolve("simulated");
        generator.write(sim, "0s", denyBotList);
        StackSeeder.apply(sim);
        // Seeded at once; the first apply's new clusters then take this long to become active (a Go duration).
        String provisioning = text(args, "--provisioning").orElse("0s");
        Path simStack = sim.resolve("stack.yaml");
        Files.writeString(simStack, Files.readString(simStack).replace("provisioning_delay: 0s",
                "provisioning_delay: " + provisioning));
        Path parentIdentity = base.resolve("parent.pem");
        run(List.of(java, "-jar", jar, "sim", "-C", sim.toString(), "identity", "parent", "--out",
                parentIdentity.toString()));
        Path counter = base.resolve("processes.log");
        Path bin = base.resolve("bin");
        run(List.of(java, "-jar", jar, "sim", "-C", sim.toString(), "stand-ins", "--out", bin.toString()));
        // Count each tool process: a line in a log (and its arguments in another), then the stand-in itself.
        Path commands = base.resolve("commands.log");
        for (String tool : List.of("tctl", "tbot")) {
            Path script = bin.resolve(tool);
            Files.writeString(script, Files.readString(script).replace("\nexec ", "\necho " + tool + " >> '" + counter
                    + "'\necho " + tool + " \"$*\" >> '" + commands + "'\nexec "));
        }

        Path stack = Files.createDirectories(base.resolve("teleport"));
        try (Stream<Path> files = Files.list(sim)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, stack.resolve(file.getFileName()));
            }
        }
        Files.writeString(stack.resolve("stack.yaml"), FleetDocuments.teleportStack(PARENT_PROXY, parentIdentity,
                bin.resolve("tctl").toString(), bin.resolve("tbot").toString()));
        run(List.of("cp", "-R", sim.resolve(".teleform").toString(), stack.resolve(".teleform").toString()));
        System.out.printf("stack: %d resources in %d workload clusters, provider teleport, tctl and tbot are the "
                + "simulator's stand-ins (one JVM each); the clusters' bots %s%n", generator.resourceCount(), clusters,
                denyBotList ? "may not list (read by name)" : "may list");

        long[] wall = new long[runs];
        for (int i = 0; i < runs; i++) {
            Files.deleteIfExists(counter);
            long start = System.nanoTime();
            String output = run(List.of(java, "-jar", jar, "plan", stack.toString()));
            wall[i] = (System.nanoTime() - start) / 1_000_000;
            Map<String, Long> spawned = new TreeMap<>(Files.readAllLines(counter).stream()
                    .collect(Collectors.groupingBy(line -> line, Collectors.counting())));
            long total = spawned.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("plan %d: %d ms wall, %d processes %s (%.1f per workload cluster); %s%n", i + 1, wall[i],
                    total, spawned, (double) total / clusters, output.lines()
                            .filter(line -> line.startsWith("No changes") || line.startsWith("Plan:")).findFirst()
                            .orElse("?"));
        }
        Arrays.sort(wall);
        System.out.printf("plan wall time: median %d ms of %d runs%n", wall[runs / 2], runs);

        List<String> get = List.of(bin.resolve("tctl").toString(), "--auth-server", PARENT_PROXY, "-i",
                parentIdentity.toString(), "get", "role/editor", "--format", "json");
        System.out.printf("one stand-in tctl process (get role/editor), 10 in a row: %d ms each on average%n",
                average(get, 10));
        System.out.printf("spawning a process that does nothing (/bin/true), 50 in a row: %.1f ms each on average%n",
                average(List.of("/bin/true"), 50) / 1.0);

        int applyClusters = option(args, "--apply-clusters", 10);
        int applyRuns = option(args, "--apply-runs", 1);
        // apply's own default; more lets every cluster's writes wait in their batches at once
        int maxCalls = option(args, "--max-calls", 64);
        StackGenerator small = new StackGenerator(applyClusters, generator.roles(), generator.users(),
                !flag(args, "--no-invites"));
        long[] applyWall = new long[applyRuns];
        for (int i = 0; i < applyRuns; i++) {
            Path fresh = Files.createDirectories(base.resolve("apply-" + i));
            small.write(fresh);
            try (Stream<Path> files = Files.list(fresh)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("cluster-")).toList()) {
                    Files.writeString(file, Files.readString(file).replace("tenant-", "fresh" + i + "-"));
                }
            }
            Files.copy(stack.resolve("stack.yaml"), fresh.resolve("stack.yaml"), StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(counter);
            Files.deleteIfExists(commands);
            long start = System.nanoTime();
            String applied = run(List.of(java, "-jar", jar, "apply", fresh.toString(), "--auto-approve",
                    "--max-calls", String.valueOf(maxCalls), "--invites-out",
                    Files.createTempDirectory("teleform-bench-invites").resolve("invites.jsonl").toString()));
            applyWall[i] = (System.nanoTime() - start) / 1_000_000;
            Map<String, Long> spawned = new TreeMap<>(Files.readAllLines(counter).stream()
                    .collect(Collectors.groupingBy(line -> line, Collectors.counting())));
            long total = spawned.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("first apply %d of %d resources in %d workload clusters (%s, --max-calls %d): %d ms wall, "
                    + "%d processes %s (%.2f per resource, %.1f per workload cluster); %s%n", i + 1, small.resourceCount(),
                    applyClusters, small.invites() ? "users invited" : "no invites", maxCalls, applyWall[i], total, spawned,
                    (double) total / small.resourceCount(), (double) total / applyClusters, applied.lines()
                            .filter(l -> l.startsWith("Apply complete")).findFirst().orElse("?"));
            if (i == 0) {
                List<String> lines = Files.readAllLines(commands);
                long inClusters = lines.stream().filter(line -> line.startsWith("tctl ") && !line.contains(PARENT_PROXY)
                        && !line.contains(" users add ")).count();
                long usersAdd = lines.stream().filter(line -> line.contains(" users add ")).count();
                long onParent = lines.stream().filter(line -> line.startsWith("tctl ") && line.contains(PARENT_PROXY)).count();
                System.out.printf("  tctl per workload cluster: %.2f in it + %d users add in all; on the parent: %d for "
                        + "the fleet (%.2f per workload cluster)%n", (double) inClusters / applyClusters, usersAdd,
                        onParent, (double) onParent / applyClusters);
                System.out.printf("  processes of first apply 1, by target and command:%n");
                byCommand(lines, applyClusters)
                        .forEach((what, count) -> System.out.printf("    %5d  %s%n", count, what));
            }
        }
        Arrays.sort(applyWall);
        System.out.printf("first apply wall time: median %d ms of %d runs%n", applyWall[applyRuns / 2], applyRuns);
    }

    /**
     * The logged tool command lines, counted by target ({@code parent}, or {@code each workload cluster} with
     * the count divided by the clusters) and command without its refs and identity paths.
     */
    private static Map<String, Long> byCommand(List<String> lines, int clusters) {
        Map<String, Long> counted = new TreeMap<>();
        for (String line : lines) {
            List<String> words = new ArrayList<>(Arrays.asList(line.split(" ")));
            String target = "tbot";
            int authServer = words.indexOf("--auth-server");
            if (authServer >= 0) {
                target = words.get(authServer + 1).equals(PARENT_PROXY) ? "parent" : "workload";
                words.subList(authServer, authServer + 2).clear();
            }
            int identity = words.indexOf("-i");
            if (identity >= 0) {
                words.subList(identity, identity + 2).clear();
            }
            String command = switch (words.size() > 1 ? words.get(1) : "") {
                case "get" -> "get " + refs(words.get(2));
                case "users" -> "users " + words.get(2);
                case "create" -> String.join(" ", words.subList(1, words.size()));
                default -> words.size() > 1 ? words.get(1) : line;
            };
            counted.merge(words.getFirst() + " " + command + " [" + target + "]", 1L, Long::sum);
        }
        Map<String, Long> shown = new TreeMap<>();
        counted.forEach((what, count) -> shown.put(what + (what.endsWith("[workload]") || what.startsWith("tbot")
                ? String.format(" (%.1f per workload cluster)", (double) count / clusters) : ""), count));
        return shown;
    }

    /** {@code role/a,role/b,user/c} as {@code role/(2),user/(1)}: the kinds and how many of each, in order. */
    private static String refs(String refs) {
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (String ref : refs.split(",")) {
            kinds.merge(ref.contains("/") ? ref.substring(0, ref.indexOf('/') + 1) : ref, 1L, Long::sum);
        }
        return kinds.entrySet().stream().map(kind -> kind.getKey().endsWith("/") ? kind.getKey() + "(" + kind.getValue()
                + ")" : kind.getKey()).collect(Collectors.joining(","));
    }

    private static long average(List<String> command, int times) throws Exception {
        run(command);
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            run(command);
        }
        return (System.nanoTime() - start) / 1_000_000 / times;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
