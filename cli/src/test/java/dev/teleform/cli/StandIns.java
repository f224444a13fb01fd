package dev.teleform.cli;

import dev.teleform.engine.provider.ProviderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * A simulator stack, a parent identity, and the {@code tctl}/{@code tbot} scripts {@code teleform sim
 * stand-ins} writes for it into a directory that can go on PATH.
 */
record StandIns(Path stack, Path tctl, Path tbot, Path parentIdentity) {

    static StandIns create(Path dir) throws IOException, InterruptedException {
        return create(dir, false, "arn:aws:iam::123456789012:role/ci");
    }

    /** @param denyBotList whether the bot of each new workload cluster is refused {@code list} */
    static StandIns create(Path dir, boolean denyBotList) throws IOException, InterruptedException {
        return create(dir, denyBotList, "arn:aws:iam::123456789012:role/ci");
    }

    /** Stand-ins whose IAM joins present {@code awsArn} (of account 123456789012), the machine's AWS identity. */
    static StandIns create(Path dir, String awsArn) throws IOException, InterruptedException {
        return create(dir, false, awsArn);
    }

    private static StandIns create(Path dir, boolean denyBotList, String awsArn) throws IOException,
            InterruptedException {
        Path stack = Files.createDirectories(dir.resolve("sim-stack"));
        Files.writeString(stack.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: standin}
                spec:
                  provider: simulator
                  simulator:
                    dir: .teleform/sim
                    provisioning_delay: 3s
                    deny_bot_list: %s
                    aws: {account: "123456789012", arn: "%s"}
                """.formatted(denyBotList, awsArn));
        Path parentIdentity = dir.resolve("parent-identity");
        CliRun issued = PackagedCli.run(stack, "sim", "identity", "parent", "--out", parentIdentity.toString());
        if (issued.exit() != 0) {
            throw new IllegalStateException("sim identity failed: " + issued.err());
        }
        Path bin = dir.resolve("bin");
        CliRun written = PackagedCli.run(stack, "sim", "stand-ins", "--out", bin.toString());
        if (written.exit() != 0) {
            throw new IllegalStateException("sim stand-ins failed: " + written.err());
        }
        return new StandIns(stack, bin.resolve("tctl"), bin.resolve("tbot"), parentIdentity);
    }

    /**
     * A stack of provider {@code teleport} in {@code dir} that reaches the parent with these stand-ins' identity and
     * runs them as its tools; the workload clusters and their contents are the caller's to add.
     */
    Path teleportStack(Path dir) throws IOException {
        return teleportStack(dir, parentIdentity, tctl.toString(), tbot.toString());
    }

    /** The same with other tools, or with {@code tctl} null: none set, so that they are found on PATH. */
    static Path teleportStack(Path dir, Path parentIdentity, String tctl, String tbot) throws IOException {
        Path stack = Files.createDirectories(dir);
        Files.writeString(stack.resolve("stack.yaml"), FleetDocuments.teleportStack("teleform-sim.teleport.sh:443",
                parentIdentity, tctl, tbot));
        return stack;
    }

    ProviderConfig config() {
        return new ProviderConfig(stack, "contract", Optional.of("teleform-sim.teleport.sh:443"),
                Optional.of(parentIdentity), Optional.empty(), Map.of(),
                new ProviderConfig.Tools(tctl.toString(), tbot.toString()),
                new ProviderConfig.SimulatorOptions(stack.resolve(".teleform/sim"), Duration.ofSeconds(3),
                        "123456789012", "arn:aws:iam::123456789012:role/ci"), InstantSource.system());
    }
}
