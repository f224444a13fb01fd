package dev.teleform.engine.operation;

import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Which stack an operation works on, and what its files' variables take: {@code --var NAME=VALUE} for
 * {@code ${var:NAME}}, and the environment that {@code ${env:NAME}} reads.
 *
 * @param environment the value of an environment variable by name, or null when it is not set
 */
public record StackInput(Path dir, Map<String, String> vars, UnaryOperator<String> environment) {

    public StackInput {
        vars = Map.copyOf(vars);
    }

    /**
     * The stack read and checked: its problems with places in its files, or the stack itself. Files read
     * before are taken from the cache that the environment names ({@code TELEFORM_CACHE_DIR}, else the
     * user's cache directory).
     */
    StackResult read() {
        return new StackReader(LoadOptions.defaults().withVars(vars).withEnv(environment).withCacheOf(environment))
                .read(dir);
    }
}
