package dev.teleform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The training run of the launcher's ahead-of-time cache (JDK 25+, {@code -XX:AOTCacheOutput}): in an empty
 * directory, writes a small fleet on the simulator and runs on it, in this one JVM, what a big stack runs most
 * (validate, apply, a plan with no changes, whose refresh reads every live document, then a plan with creates
 * and updates), so that the cache holds the classes and method profiles of that work rather than those
 * of a first plan of an empty stack. Not a command people run: the launcher starts it by its class name and
 * deletes the directory afterwards. Exits non-zero when a step fails, and leaves {@link #COMPLETE} only when all
 * succeeded, so no cache is kept from a broken or interrupted run.
 */
public final class AotTraining {

    /**
     * Enough clusters for refresh to read {@code --parallelism} (10) of them at once and enough documents per
     * cluster for the loops over them to be profiled; small enough that training takes a few seconds.
     */
    static final int CLUSTERS = 10;
    static final int ROLES = 10;
    static final int USERS = 10;

    /** The file a completed training leaves in its directory. */
    static final String COMPLETE = "training-complete";

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp teleform.jar " + AotTraining.class.getName() + " EMPTY_DIR");
            System.exit(TeleformCli.ERROR);
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        HeapGuard.install(err, System::exit); // as Main does for every command
        Path dir = Path.of(args[0]);
        int status = train(dir, out, err);
        if (status == TeleformCli.OK) {
            // The launcher keeps the cache only with this: a JVM making a cache exits 0 even when Ctrl-C
            // ended it part-way, and a cache of half a training would stay until the next build.
            Files.writeString(dir.resolve(COMPLETE), "");
        }
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the steps in {@code dir}; the first that fails ends the run with its status. */
    static int train(Path dir, PrintWriter out, PrintWriter err) throws IOException {
        String stack = dir.toString();
        writeFleet(dir, false);
        List<List<String>> steps = List.of(
                List.of("validate", stack),
                // Users come with invites: they are created only when their links have somewhere to go.
                List.of("apply", stack, "--auto-approve", "--invites-out", dir.resolve("invites.jsonl").toString()),
                List.of("plan", stack));
        // Its own cache of parsed files, in the directory the launcher deletes: the plans after validate read
        // the fleet from it, as a user's later runs do, and the user's cache gets nothing of the training's.
        String cache = dir.resolve(".cache").toString();
        UnaryOperator<String> environment = name -> "TELEFORM_CACHE_DIR".equals(name) ? cache : System.getenv(name);
        for (List<String> step : steps) {
            int status = TeleformCli.run(step.toArray(String[]::new), out, err, environment);
            if (status != TeleformCli.OK) {
                return status;
            }
        }
        writeFleet(dir, true);
        return TeleformCli.run(new String[] {"plan", stack}, out, err, environment);
    }

    /**
     * One file per workload cluster (the cluster, its roles and its users), a baseline role in every cluster and
     * a role in the parent. {@code changed}: the second version, which edits roles and adds a role and a user
     * (no deletes: a cluster's bot may not delete users).
     */
    static void writeFleet(Path dir, boolean changed) throws IOException {
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata:
                  name: aot-training
                spec:
                  provider: simulator
                  simulator: {provisioning_delay: 0s}
                """);
        StringBuilder baseline = new StringBuilder("""
                kind: role
                version: v7
                metadata:
                  name: ci
                spec:
                  allow:
                    rules:
                      - resources: [workload_cluster]
                        verbs: [list, read, create, update, delete]
                ---
                kind: role
                version: v7
                metadata:
                  name: oncall
                cluster: [""");
        for (int c = 0; c < CLUSTERS; c++) {
            baseline.append(c == 0 ? "" : ", ").append("c").append(c);
        }
        baseline.append("""
                ]
                spec:
                  allow:
                    logins: [root, ubuntu]
                    node_labels:
                      "*": "*"
                  options:
                    max_session_ttl: 4h
                """);
        Files.writeString(dir.resolve("baseline.yaml"), baseline);
        for (int c = 0; c < CLUSTERS; c++) {
            Files.writeString(dir.resolve("cluster-" + c + ".yaml"), cluster("c" + c, changed && c % 3 == 0));
        }
    }

    private static String cluster(String name, boolean changed) {
        StringBuilder text = new StringBuilder(FleetDocuments.workloadCluster(name));
        int roles = changed ? ROLES + 1 : ROLES;
        for (int r = 0; r < roles; r++) {
            text.append(FleetDocuments.role(name, r, changed && r % 2 == 0 ? " (changed)" : ""));
        }
        int users = changed ? USERS + 1 : USERS;
        for (int u = 0; u < users; u++) {
            text.append(FleetDocuments.user(name, u, List.of("team-" + (u % ROLES), "oncall"), true));
        }
        return text.toString();
    }
}
