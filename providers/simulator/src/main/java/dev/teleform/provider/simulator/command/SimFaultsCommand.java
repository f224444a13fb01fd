package dev.teleform.provider.simulator.command;

import dev.teleform.provider.simulator.cloud.Faults;
import dev.teleform.provider.simulator.cloud.Operation;
import dev.teleform.provider.simulator.cloud.Provisioning;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code teleform sim faults}: show or set injected faults. */
@Command(name = "faults", description = {"Show or set injected faults.",
    "  teleform sim faults --op create --transient-rate 0.2 --seed 7",
    "  teleform sim faults --op delete --fail-nth 2 --fail-with access_denied",
    "  teleform sim faults --provisioning stuck --cluster child",
    "  teleform sim faults --clear"})
final class SimFaultsCommand implements Callable<Integer> {

    @ParentCommand
    SimCommand root;

    @Option(names = "--op", paramLabel = "OPERATION",
            description = "list, get, create, upsert, update, delete, status, bootstrap, login, invite, permissions")
    String operation;

    @Option(names = "--latency", paramLabel = "MILLIS", defaultValue = "0", description = "Delay added to each call, ms.")
    long latencyMillis;

    @Option(names = "--transient-rate", paramLabel = "P", defaultValue = "0",
            description = "Probability 0..1 that a call fails with a transient error.")
    double transientRate;

    @Option(names = "--fail-nth", paramLabel = "N", defaultValue = "0", description = "Fail the Nth call from now.")
    long failNth;

    @Option(names = "--fail-with", paramLabel = "KIND", defaultValue = "connection_problem",
            description = {"connection_problem, limit_exceeded, access_denied, bad_parameter, not_found, or answer_lost",
                "(the call is carried out, then its answer is lost: the caller sees a connection problem)"})
    String failWith;

    @Option(names = "--provisioning", paramLabel = "MODE", description = "normal, stuck or failed")
    String provisioning;

    @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "*",
            description = "The workload cluster --provisioning applies to (default: all).")
    String cluster;

    @Option(names = "--seed", description = "Seed of the transient-error draws.")
    Long seed;

    @Option(names = "--clear", description = "Remove every fault.")
    boolean clear;

    @Override
    public Integer call() {
        return root.withConsole(console -> {
            Faults faults = console.faults();
            if (clear) {
                faults.clear();
            }
            if (seed != null) {
                faults.setSeed(seed);
            }
            if (operation != null) {
                Optional<Operation> op = Operation.of(operation);
                if (op.isEmpty()) {
                    root.context().err().println("unknown operation \"" + operation + "\"; see --help");
                    return 1;
                }
                if (transientRate < 0 || transientRate > 1) {
                    root.context().err().println("--transient-rate must be between 0 and 1");
                    return 1;
                }
                faults.set(op.get(), Duration.ofMillis(latencyMillis), transientRate, failNth, failWith);
            }
            if (provisioning != null) {
                try {
                    faults.setProvisioning(cluster, Provisioning.valueOf(provisioning.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    root.context().err().println("--provisioning takes normal, stuck or failed");
                    return 1;
                }
            }
            root.context().out().print(SimOutput.json(faults.current()));
            return 0;
        });
    }
}
