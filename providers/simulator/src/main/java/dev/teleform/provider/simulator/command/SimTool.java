package dev.teleform.provider.simulator.command;

import dev.teleform.engine.provider.ProviderTool;
import java.util.List;
import picocli.CommandLine;

/** {@code teleform sim}: inspect and perturb a simulator data directory. */
public final class SimTool implements ProviderTool {

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public String description() {
        return "Inspect and perturb the embedded Teleport Cloud simulator (see 'teleform sim --help').";
    }

    @Override
    public int run(List<String> args, Context context) {
        CommandLine cli = new CommandLine(new SimCommand(context));
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("teleform sim: " + e.getMessage());
            e.getCommandLine().getErr().println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
            return 1;
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            failed.getErr().println("teleform sim: error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli.execute(args.toArray(String[]::new));
    }
}
