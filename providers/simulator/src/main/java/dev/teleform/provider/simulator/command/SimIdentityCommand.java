package dev.teleform.provider.simulator.command;

import dev.teleform.engine.provider.GoDuration;
import dev.teleform.provider.simulator.store.SimStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code teleform sim identity CLUSTER --out FILE}: an identity file for a simulated cluster, the
 * stand-in for {@code tctl auth sign}; for example one allowed to delete, for
 * {@code spec.clusters.<name>.identity_file}.
 */
@Command(name = "identity", description = {"Write an identity file for a simulated cluster (like tctl auth sign).",
    "Example: teleform sim identity child --roles editor --out child-admin.identity"})
final class SimIdentityCommand implements Callable<Integer> {

    @ParentCommand
    SimCommand root;

    @Parameters(paramLabel = "CLUSTER", description = "A workload cluster, or 'parent'.")
    String cluster;

    @Option(names = "--roles", split = ",", defaultValue = "editor", description = "Roles it holds (default: editor).")
    List<String> roles;

    @Option(names = "--user", defaultValue = "teleform-admin", description = "User name of the identity.")
    String user;

    @Option(names = "--ttl", defaultValue = "12h", description = "How long it is valid (default: 12h).")
    String ttl;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it (mode 0600).")
    Path out;

    @Override
    public Integer call() {
        Duration validity = GoDuration.parse(ttl).orElse(null);
        if (validity == null || validity.isZero()) {
            root.context().err().println("--ttl takes a duration such as 12h");
            return 1;
        }
        String target = "parent".equals(cluster) ? SimStore.PARENT : cluster;
        return root.withConsole(console -> root.outcome(console.issueIdentity(target, user, roles, validity, out),
                file -> root.context().err().println("wrote " + file + " (" + user + ", roles " + String.join(",", roles)
                        + ", valid " + GoDuration.format(validity) + ")")));
    }
}
