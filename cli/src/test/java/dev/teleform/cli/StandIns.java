package dev.teleform.cli;

import dev.teleform.engine.provider.ProviderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

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
        Path file = Files.createDirectories(dir.resolve("bin")).resolve(tool); // a directory to put on PATH
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
