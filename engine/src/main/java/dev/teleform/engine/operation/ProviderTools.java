package dev.teleform.engine.operation;

import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.provider.ProviderTool;
import dev.teleform.engine.provider.Providers;
import dev.teleform.engine.stack.ProviderConfigs;
import dev.teleform.engine.stack.StackResult;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The commands providers add under {@code teleform} (the simulator's {@code sim}): found on the class path,
 * and run with what they need from the engine, so a tool has no stack code of its own.
 */
public final class ProviderTools {

    /** A tool as {@code teleform --help} lists it. */
    public record Listing(String name, String description) {}

    private ProviderTools() {
    }

    public static List<Listing> all() {
        return Providers.tools().stream().map(tool -> new Listing(tool.name(), tool.description())).toList();
    }

    /**
     * Runs tool {@code name} with {@code args}, if a provider offers it; its exit status.
     *
     * @param environment what {@code ${env:NAME}} reads in the stacks the tool opens
     */
    public static Optional<Integer> run(String name, List<String> args, PrintWriter out, PrintWriter err,
            UnaryOperator<String> environment) {
        InstantSource clock = InstantSource.system();
        return Providers.tool(name).map(tool -> tool.run(args, new ProviderTool.Context(out, err,
                dir -> switch (new StackInput(dir, Map.of(), environment).read()) {
                    case StackResult.Valid valid -> Either.right(ProviderConfigs.of(valid.stack(), clock));
                    case StackResult.Invalid invalid -> Either.left(invalid.diagnostics().format(
                            Path.of("").toAbsolutePath()) + "\nthe stack in " + dir + " is not valid; fix it first "
                            + "(" + new CommandHint(dir).teleform("validate") + ")");
                }, clock)));
    }
}
