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

    /**
     * How the stand-ins' simulator brings up a new workload cluster. In real time, as Teleport Cloud does, a
     * check made between the create and the wait depends on how fast a loaded machine runs the tool processes in
     * between, so such a test would have to run alone; by reads it does not, and waits no longer than it reads.
     */
    enum Provisioning {
        /** Three seconds of real time (Teleport Cloud takes minutes): the path a user's apply takes. */
        REAL_TIME(0),
        /**
         * Active at its second read: the read-back of the create finds it creating, the wait's first poll active,
         * so an apply shows the wait and pauses once.
         */
        SECOND_READ(2),
        /**
         * Creating for its first nine reads: more than any check of "not yet active" makes; a test then reads it in
         * this JVM, with no tool process, until it is active ({@link #provisioned}).
         */
        SLOW_READS(10);

        final int reads;

        Provisioning(int reads) {
            this.reads = reads;
        }
    }

    private static final String CI_ROLE = "arn:aws:iam::123456789012:role/ci";

    static StandIns create(Path dir, Provisioning provisioning) throws IOException, InterruptedException {
        return create(dir, false, CI_ROLE, provisioning);
    }

    /** @param denyBotList whether the bot of each new workload cluster is refused {@code list} */
    static StandIns create(Path dir, boolean denyBotList, Provisioning provisioning) throws IOException,
            InterruptedException {
        return create(dir, denyBotList, CI_ROLE, provisioning);
    }

    /** Stand-ins whose IAM joins present {@code awsArn} (of account 123456789012), the machine's AWS identity. */
    static StandIns create(Path dir, String awsArn, Provisioning provisioning) throws IOException, InterruptedException {
        return create(dir, false, awsArn, provisioning);
    }

    private static StandIns create(Path dir, boolean denyBotList, String awsArn, Provisioning provisioning)
            throws IOException, InterruptedException {
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
                """.formatted(denyBotList, awsArn)
                + (provisioning.reads > 0 ? "    provisioning_reads: " + provisioning.reads + "\n" : ""));
        Path parentIdentity = dir.resolve("parent-identity");
        CliRun issued = CliRun.sim(Map.of(), stack, "identity", "parent", "--out", parentIdentity.toString());
        if (issued.exit() != 0) {
            throw new IllegalStateException("sim identity failed: " + issued.err());
        }
        Path bin = dir.resolve("bin");
        CliRun written = PackagedCli.run(stack, "sim", "stand-ins", "--out", bin.toString(), "--aot-cache",
                AOT_CACHE.toString());
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

    /**
     * The stand-ins' ahead-of-time cache, trained by the first stand-ins this test JVM writes and used by all the
     * others (a training run costs seconds; every test writes its own stand-ins). The cache an earlier test JVM
     * left is removed first: it may be of an earlier build.
     */
    private static final Path AOT_CACHE = freshAotCache();

    private static Path freshAotCache() {
        Path cache = PackagedCli.JAR.resolveSibling("stand-ins-tests-" + Runtime.version().feature() + ".aot");
        try {
            Files.deleteIfExists(cache);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return cache;
    }

    /**
     * Reads {@code cluster} through the simulator's console in this JVM until it is active, as time passing would
     * bring it up: for stand-ins that provision by reads. Fails if it never becomes active.
     */
    void provisioned(String cluster) {
        for (int read = 0; read < Provisioning.SLOW_READS.reads; read++) {
            CliRun got = CliRun.sim(Map.of(), stack, "get", "workload_cluster/" + cluster);
            if (got.exit() != 0) {
                throw new AssertionError("sim get workload_cluster/" + cluster + " failed: " + got.err());
            }
            if (got.out().contains("state: active")) {
                return;
            }
        }
        throw new AssertionError("workload cluster " + cluster + " did not become active in "
                + Provisioning.SLOW_READS.reads + " reads");
    }

    ProviderConfig config() {
        return new ProviderConfig(stack, "contract", Optional.of("teleform-sim.teleport.sh:443"),
                Optional.of(parentIdentity), Optional.empty(), Map.of(),
                new ProviderConfig.Tools(tctl.toString(), tbot.toString()),
                new ProviderConfig.SimulatorOptions(stack.resolve(".teleform/sim"), Duration.ofSeconds(3),
                        "123456789012", "arn:aws:iam::123456789012:role/ci"), InstantSource.system());
    }
}
