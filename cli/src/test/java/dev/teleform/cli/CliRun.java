package dev.teleform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/** One run of {@code teleform}: in this JVM ({@link #of}) or as its own process ({@link PackagedCli#run}). */
record CliRun(int exit, String out, String err) {

    /** {@code teleform COMMAND DIR MORE...}. */
    static CliRun on(String command, java.nio.file.Path dir, String... more) {
        String[] args = new String[2 + more.length];
        args[0] = command;
        args[1] = dir.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        return of(args);
    }

    static CliRun of(String... args) {
        return in(CliRun::processEnvironment, args);
    }

    /** This JVM's environment, with the cache of parsed files off unless it names one (as Maven runs tests). */
    static String processEnvironment(String name) {
        String value = System.getenv(name);
        return value == null && "TELEFORM_CACHE_DIR".equals(name) ? "" : value;
    }

    /** A run that sees {@code environment} as its whole environment, for {@code ${env:NAME}}. */
    static CliRun in(Map<String, String> environment, String... args) {
        return in(environment::get, args);
    }

    /** {@code teleform sim -C DIR ARGS}: Teleport's side of a test, the simulator of the stack in {@code dir}. */
    static CliRun sim(Map<String, String> environment, Path dir, String... args) {
        String[] full = new String[3 + args.length];
        full[0] = "sim";
        full[1] = "-C";
        full[2] = dir.toString();
        System.arraycopy(args, 0, full, 3, args.length);
        return in(environment, full);
    }

    private static CliRun in(UnaryOperator<String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TeleformCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Copies the quickstart's YAML into {@code dir}, with provisioning made instant when asked. */
    static void copyQuickstart(Path dir, boolean instantProvisioning) throws IOException {
        try (var files = Files.list(Path.of("../examples/quickstart"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(file);
                Files.writeString(dir.resolve(file.getFileName()),
                        instantProvisioning ? text.replace("provisioning_delay: 5s", "provisioning_delay: 0s") : text);
            }
        }
    }
}
