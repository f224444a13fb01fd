package dev.teleform.engine.provider;

import io.vavr.control.Either;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;

/**
 * A command-line tool a provider offers under {@code teleform <name>} (the simulator's
 * {@code teleform sim}). The CLI passes the arguments through without knowing the tool; registered
 * in {@code META-INF/services/dev.teleform.engine.provider.ProviderTool}.
 */
public interface ProviderTool {

    /** The subcommand name under {@code teleform}. */
    String name();

    /** One line for {@code teleform --help}. */
    String description();

    /** Runs the tool; returns the process exit status. */
    int run(List<String> args, Context context);

    /**
     * What a tool gets from the CLI.
     *
     * @param out         machine output
     * @param err         messages for people
     * @param stackConfig reads the stack in a directory and returns its provider settings, or the
     *                    stack's problems as text
     * @param clock       the time source
     */
    record Context(PrintWriter out, PrintWriter err, Function<Path, Either<String, ProviderConfig>> stackConfig,
            InstantSource clock) {}
}
