package dev.teleform.provider.simulator.standin;

import dev.teleform.engine.provider.ProviderError;
import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.Faults;
import dev.teleform.provider.simulator.cloud.Operation;
import dev.teleform.provider.simulator.cloud.SimConsole;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import dev.teleform.provider.simulator.store.SimStore;
import io.vavr.control.Either;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tctl} command: its global flags {@code --auth-server} and {@code -i} (and {@code -c},
 * {@code -d}, {@code --insecure}, accepted and ignored), who they make the caller, and what its
 * subcommands share. A new subcommand is a class listed in {@code subcommands}.
 */
@Command(name = "tctl", subcommands = {TctlGet.class, TctlCreate.class, TctlRm.class, TctlUsers.class})
final class Tctl implements StandInCommand {

    private static final Map<String, String> KINDS = Map.of("role", SimulatedCloud.ROLE, "roles", SimulatedCloud.ROLE,
            "user", SimulatedCloud.USER, "users", SimulatedCloud.USER, "workload_cluster", SimulatedCloud.WORKLOAD_CLUSTER,
            "workload_clusters", SimulatedCloud.WORKLOAD_CLUSTER);

    // Global flags: kingpin takes them before or after the subcommand, hence inherited.
    @Option(names = "--auth-server", scope = ScopeType.INHERIT)
    String authServer;

    @Option(names = {"-i", "--identity"}, scope = ScopeType.INHERIT)
    String identity;

    @Option(names = {"-c", "--config"}, scope = ScopeType.INHERIT)
    String config;

    @Option(names = {"-d", "--debug"}, scope = ScopeType.INHERIT)
    boolean debug;

    @Option(names = "--insecure", scope = ScopeType.INHERIT)
    boolean insecure;

    private final SimConsole console;
    private final PrintWriter out;
    private final InputStream stdin;

    Tctl(SimConsole console, PrintWriter out, InputStream stdin) {
        this.console = console;
        this.out = out;
        this.stdin = stdin;
    }

    /** {@code tctl} with global flags only. */
    @Override
    public int run() {
        requireAuthServerWithIdentity();
        throw new StandInFailure("expected command but got none");
    }

    SimConsole console() {
        return console;
    }

    PrintWriter out() {
        return out;
    }

    InputStream stdin() {
        return stdin;
    }

    /** Who calls: the identity's user in the cluster the auth server names; no identity is the parent's admin. */
    Caller caller() {
        requireAuthServerWithIdentity();
        String address = authServer == null ? "127.0.0.1:3025" : authServer;
        String host = address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
        String parentHost = SimulatedCloud.PARENT_PROXY.substring(0, SimulatedCloud.PARENT_PROXY.lastIndexOf(':'));
        String cluster;
        if (host.equals(parentHost)) {
            cluster = SimStore.PARENT;
        } else if (host.endsWith(".teleport.sh") && console.store().exists(SimStore.PARENT,
                SimulatedCloud.WORKLOAD_CLUSTER, host.substring(0, host.length() - ".teleport.sh".length()))) {
            cluster = host.substring(0, host.length() - ".teleport.sh".length());
        } else {
            throw new StandInFailure("Cannot connect to the auth server. Is the auth server running on \"" + address
                    + "\"?");
        }
        if (identity == null) {
            if (!cluster.equals(SimStore.PARENT)) {
                throw new StandInFailure("access denied: no credentials for " + host + " (log in with tsh or pass -i)");
            }
            return Caller.parentAdmin();
        }
        return ok(console.cloud().identities().authenticate(Path.of(identity), cluster, console.cloud().now()));
    }

    private void requireAuthServerWithIdentity() {
        if (identity != null && authServer == null) {
            throw new StandInFailure("tctl --identity also requires --auth-server");
        }
    }

    /** Records the call and applies injected faults, as the embedded provider does for each call. */
    void count(Operation operation, String kind) {
        Faults.Decision decision = console.faults().before(operation, kind);
        if (!decision.latency().isZero()) {
            try {
                Thread.sleep(decision.latency());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        decision.failure().ifPresent(failure -> {
            throw new StandInFailure(failure.message());
        });
    }

    /** The kind a resource name means (singular or plural, any case), as tctl's ref parser reads it. */
    static String kind(String name) {
        String kind = KINDS.get(name.toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new StandInFailure("unsupported resource: \"" + name + "\" - resources should be expressed as "
                    + "'type/name', for example 'connector/github'");
        }
        return kind;
    }

    /** Whether {@code tctl create} takes a document of {@code kind} (its {@code kind} field, singular). */
    static boolean creatable(String kind) {
        return KINDS.containsKey(kind) && !kind.endsWith("s");
    }

    /** How tctl names a kind in what it prints: by its name, a workload cluster with a space. */
    static String displayed(String kind) {
        return kind.equals(SimulatedCloud.WORKLOAD_CLUSTER) ? "workload cluster" : kind;
    }

    static <T> T ok(Either<ProviderError, T> result) {
        return result.getOrElseThrow(error -> new StandInFailure(error.message()));
    }

    /** tctl puts its own context first and the server's text on an indented line. */
    static <T> T wrapped(Either<ProviderError, T> result, String context) {
        return result.getOrElseThrow(error -> new StandInFailure(error instanceof ProviderError.NotFound
                ? context + "\n\t" + error.message() : error.message()));
    }
}
