package dev.teleform.cli;

import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderContract;
import dev.teleform.engine.provider.Providers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract every provider passes, by the teleport provider through real processes: {@code tctl} and
 * {@code tbot} are small scripts that run {@code teleform sim tctl} and {@code teleform sim tbot}, the
 * simulator answering with tctl's and tbot's flags, formats, exit codes and error texts.
 */
class TeleportProviderContractIT extends ProviderContract {

    @TempDir
    static Path dir;

    private static StandIns standIns;

    @BeforeAll
    static void standIns() throws Exception {
        standIns = StandIns.create(dir);
    }

    @Override
    protected Provider newProvider() {
        return Providers.factory("teleport").get().open(standIns.config());
    }

    /** The stand-in provisions in real time (three seconds, longer than the few tool runs the contract makes first): wait as apply would, by polling the status. */
    @Override
    protected void provision(String cluster) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var status = provider.status(cluster);
            if (status.isRight() && status.get().active()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("workload cluster " + cluster + " did not become active");
    }

    @Override
    protected ObjectNode matchingAllowRule() {
        return JsonNodeFactory.instance.objectNode().put("aws_account", "123456789012")
                .put("aws_arn", "arn:aws:iam::123456789012:role/*");
    }

    /**
     * A simulator stack, a parent identity, and {@code tctl}/{@code tbot} scripts that run the packaged CLI's
     * stand-ins against it.
     */
    record StandIns(Path stack, Path tctl, Path tbot, Path parentIdentity) {

        static StandIns create(Path dir) throws IOException, InterruptedException {
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
                        aws: {account: "123456789012", arn: "arn:aws:iam::123456789012:role/ci"}
                    """);
            Path parentIdentity = dir.resolve("parent-identity");
            CliRun issued = PackagedCli.run(stack, "sim", "identity", "parent", "--out", parentIdentity.toString());
            if (issued.exit() != 0) {
                throw new IllegalStateException("sim identity failed: " + issued.err());
            }
            return new StandIns(stack, script(dir, "tctl", stack), script(dir, "tbot", stack), parentIdentity);
        }

        private static Path script(Path dir, String tool, Path stack) throws IOException {
            Path file = dir.resolve(tool);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Files.writeString(file, "#!/bin/sh\n# " + tool + " stand-in: Teleform's simulator answering as " + tool + "\n"
                    + "exec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar '"
                    + PackagedCli.JAR + "' sim -C '" + stack + "' " + tool + " \"$@\"\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
            return file;
        }

        ProviderConfig config() {
            return new ProviderConfig(stack, "contract", Optional.of("teleform-sim.teleport.sh:443"),
                    Optional.of(parentIdentity), Map.of(), new ProviderConfig.Tools(tctl.toString(), tbot.toString()),
                    new ProviderConfig.SimulatorOptions(stack.resolve(".teleform/sim"), Duration.ofSeconds(3),
                            "123456789012", "arn:aws:iam::123456789012:role/ci"), InstantSource.system());
        }
    }
}
