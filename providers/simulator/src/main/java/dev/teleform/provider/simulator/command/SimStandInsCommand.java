package dev.teleform.provider.simulator.command;

import dev.teleform.provider.simulator.cloud.SimConsole;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code teleform sim stand-ins --out DIR}: writes {@code DIR/tctl} and {@code DIR/tbot}, scripts that run
 * this Teleform's {@code sim tctl} and {@code sim tbot} against this simulator, so that a stack with
 * {@code provider: teleport} can be tried, tested and measured with no Teleport at all (put DIR on PATH,
 * or name the scripts in {@code spec.bootstrap}). On JDK 25+ they start from an ahead-of-time cache made
 * here by one training run, which halves what each stand-in process costs.
 */
@Command(name = "stand-ins", description = {"Write tctl and tbot scripts that answer from this simulator, for trying "
    + "provider: teleport without Teleport (put DIR on PATH)."})
final class SimStandInsCommand implements Callable<Integer> {

    /** What the scripts run: the stand-ins without Teleform's command line ({@link StandInMain}). */
    private static final String MAIN = StandInMain.class.getName();

    @ParentCommand
    SimCommand root;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write tctl and tbot.")
    Path out;

    @Option(names = "--aot-cache", paramLabel = "FILE", description = "The stand-ins' ahead-of-time cache: used as it "
            + "is if FILE exists, else made there (default: made anew in DIR). For tests that write stand-ins many "
            + "times from one build: each training run costs seconds.")
    Path aotCache;

    @Override
    public Integer call() {
        return root.withConsole(console -> {
            try {
                write(console);
                root.context().err().println("wrote " + out.resolve("tctl") + " and " + out.resolve("tbot")
                        + " (simulator data: " + console.store().dir() + "); parent proxy "
                        + SimulatedCloud.PARENT_PROXY);
                return 0;
            } catch (IOException | InterruptedException e) {
                root.context().err().println("cannot write the stand-ins in " + out + ": " + e.getMessage());
                return 1;
            }
        });
    }

    private void write(SimConsole console) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(out.toAbsolutePath());
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0])
                .toAbsolutePath().toString();
        var simulator = console.config().simulator();
        List<String> simulatorArgs = new java.util.ArrayList<>(List.of("--data-dir",
                console.store().dir().toString(), "--provisioning-delay",
                dev.teleform.engine.provider.GoDuration.format(simulator.provisioningDelay()), "--aws-arn", simulator.awsArn()));
        if (simulator.denyBotList()) {
            simulatorArgs.add("--deny-bot-list");
        }
        if (simulator.provisioningReads() > 0) {
            simulatorArgs.addAll(List.of("--provisioning-reads", String.valueOf(simulator.provisioningReads())));
        }
        String jvm = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
        if (Runtime.version().feature() >= 25) {
            Path cache = aotCache != null ? aotCache.toAbsolutePath() : dir.resolve("stand-ins.aot");
            if (aotCache == null) {
                Files.deleteIfExists(cache);
            }
            if (Files.exists(cache) || train(java, jar, simulatorArgs, cache)) {
                jvm += " -XX:AOTCache=" + quote(cache.toString()) + " -Xlog:aot=off -Xlog:cds=off";
            }
        }
        for (String tool : List.of("tctl", "tbot")) {
            Path script = dir.resolve(tool);
            StringBuilder text = new StringBuilder("#!/bin/sh\n# " + tool + " stand-in: Teleform's simulator answering as "
                    + tool + " (teleform sim stand-ins)\nexec " + quote(java) + " " + jvm + " -cp " + quote(jar) + " "
                    + MAIN);
            simulatorArgs.forEach(arg -> text.append(' ').append(quote(arg)));
            text.append(' ').append(tool).append(" \"$@\"\n");
            Files.writeString(script, text);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * One training run of a stand-in tctl that writes the cache to {@code cache}: made beside it and moved in
     * whole, so that stand-ins written at once never start from half a cache.
     */
    private static boolean train(String javaCommand, String jar, List<String> simulatorArgs, Path cache)
            throws IOException, InterruptedException {
        Files.createDirectories(cache.toAbsolutePath().getParent());
        Path made = Files.createTempFile(cache.toAbsolutePath().getParent(), "stand-ins-", ".aot");
        Files.delete(made);
        List<String> training = new java.util.ArrayList<>(List.of(javaCommand, "-XX:AOTCacheOutput=" + made,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", jar, MAIN));
        training.addAll(simulatorArgs);
        training.addAll(List.of("tctl", "--auth-server", SimulatedCloud.PARENT_PROXY, "get", "roles,users",
                "--format", "yaml"));
        Process process = new ProcessBuilder(training).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || !Files.exists(made)) {
            process.destroyForcibly();
            Files.deleteIfExists(made);
            return false;
        }
        Files.move(made, cache, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Single quotes for sh; a quote inside becomes '\''. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
