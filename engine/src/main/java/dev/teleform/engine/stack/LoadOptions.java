package dev.teleform.engine.stack;

import dev.teleform.engine.source.LoadLimits;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a stack is read with besides its files.
 *
 * @param vars   values for {@code ${var:NAME}}, from {@code --var NAME=VALUE}
 * @param env    looks up {@code ${env:NAME}}; {@code System::getenv} outside tests
 * @param limits caps against hostile input
 */
public record LoadOptions(Map<String, String> vars, UnaryOperator<String> env, LoadLimits limits) {

    public LoadOptions {
        vars = Map.copyOf(vars);
    }

    /** The process environment, no variables, default limits. */
    public static LoadOptions defaults() {
        return new LoadOptions(Map.of(), System::getenv, LoadLimits.DEFAULT);
    }

    public LoadOptions withVars(Map<String, String> newVars) {
        return new LoadOptions(newVars, env, limits);
    }

    /** The same options reading {@code ${env:NAME}} from {@code newEnv} instead. */
    public LoadOptions withEnv(UnaryOperator<String> newEnv) {
        return new LoadOptions(vars, newEnv, limits);
    }
}
