package dev.teleform.engine.provider;

import java.io.PrintWriter;
import java.util.List;

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
    int run(List<String> args, PrintWriter out, PrintWriter err);
}
