package dev.teleform.cli;

import dev.teleform.engine.stack.LoadOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every command that reads a stack shares: the directory and {@code --var}. */
final class StackOptions {

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
            description = "Stack directory (default: the current directory).")
    Path dir;

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Value for $${var:NAME} in the stack files; repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    LoadOptions loadOptions() {
        return LoadOptions.defaults().withVars(vars);
    }
}
