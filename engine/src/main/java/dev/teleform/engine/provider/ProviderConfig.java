package dev.teleform.engine.provider;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * What a provider is opened with: the stack's settings that concern it (DESIGN.md §3), resolved to
 * absolute paths, plus the clock. Providers never see the stack files themselves.
 *
 * @param stackDir           the stack directory
 * @param stackName          the stack's name
 * @param parentProxy        the parent cluster's proxy ({@code acme.teleport.sh:443}), if set
 * @param parentIdentityFile identity for the parent cluster, if set
 * @param parentJoin         how a Machine ID bot joins the parent instead, if set (never both)
 * @param clusterIdentities  identity files that replace the bot identity, by workload cluster
 * @param tools              the {@code tctl} and {@code tbot} binaries
 * @param simulator          settings of the embedded simulator
 * @param clock              the time source (tests inject one)
 */
public record ProviderConfig(Path stackDir, String stackName, Optional<String> parentProxy,
        Optional<Path> parentIdentityFile, Optional<BotJoin> parentJoin, Map<String, Path> clusterIdentities,
        Tools tools, SimulatorOptions simulator, InstantSource clock) {

    public ProviderConfig {
        clusterIdentities = Map.copyOf(clusterIdentities);
    }

    /** Binaries the real provider runs, as names on PATH or paths. */
    public record Tools(String tctl, String tbot) {}

    /**
     * The simulator's knobs.
     *
     * @param dataDir           where it keeps its state
     * @param provisioningDelay how long a new workload cluster takes to become active
     * @param awsAccount        account of the AWS identity the simulated IAM join presents
     * @param awsArn            ARN of that identity
     * @param denyBotList       whether the bot Teleport Cloud makes in a new workload cluster is refused {@code list}
     *                          on users and roles (Cloud promises it only create, read and update), so that reading
     *                          without listing is tested
     * @param provisioningReads when above 0, a new workload cluster becomes active at the Nth read of its status
     *                          instead of after {@code provisioningDelay}: for tests, whose checks must not depend
     *                          on how fast a loaded machine runs the tool processes between create and wait
     */
    public record SimulatorOptions(Path dataDir, Duration provisioningDelay, String awsAccount, String awsArn,
            boolean denyBotList, int provisioningReads) {

        /** A simulator whose bots may list, as they may unless a test says otherwise. */
        public SimulatorOptions(Path dataDir, Duration provisioningDelay, String awsAccount, String awsArn) {
            this(dataDir, provisioningDelay, awsAccount, awsArn, false);
        }

        /** A simulator that provisions in time, as Teleport Cloud does. */
        public SimulatorOptions(Path dataDir, Duration provisioningDelay, String awsAccount, String awsArn,
                boolean denyBotList) {
            this(dataDir, provisioningDelay, awsAccount, awsArn, denyBotList, 0);
        }
    }
}
