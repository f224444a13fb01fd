package dev.teleform.engine.stack;

import dev.teleform.engine.source.LoadLimits;
import dev.teleform.engine.source.ParsedFileCache;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a stack is read with besides its files.
 *
 * @param vars   values for {@code ${var:NAME}}, from {@code --var NAME=VALUE}
 * @param env    looks up {@code ${env:NAME}}; {@code System::getenv} outside tests
 * @param limits caps against hostile input
 * @param cache  files read in earlier runs, which need no parsing and (mostly) no schema check
 */
public record LoadOptions(Map<String, String> vars, UnaryOperator<String> env, LoadLimits limits,
        ParsedFileCache cache) {

    public LoadOptions {
        vars = Map.copyOf(vars);
    }

    /** Options without a cache. */
    public LoadOptions(Map<String, String> vars, UnaryOperator<String> env, LoadLimits limits) {
        this(vars, env, limits, ParsedFileCache.NONE);
    }

    /** The process environment, no variables, default limits, no cache. */
    public static LoadOptions defaults() {
        return new LoadOptions(Map.of(), System::getenv, LoadLimits.DEFAULT);
    }

    public LoadOptions withVars(Map<String, String> newVars) {
        return new LoadOptions(newVars, env, limits, cache);
    }

    /** The same options reading {@code ${env:NAME}} from {@code newEnv} instead. */
    public LoadOptions withEnv(UnaryOperator<String> newEnv) {
        return new LoadOptions(vars, newEnv, limits, cache);
    }

    /**
     * The same options with the cache that {@code newEnv} asks for ({@link ParsedFileCache#forEnvironment}),
     * valid for this build of Teleform, its schemas and these limits.
     */
    public LoadOptions withCacheOf(UnaryOperator<String> newEnv) {
        return new LoadOptions(vars, env, limits, CacheStamp.of(limits)
                .map(stamp -> ParsedFileCache.forEnvironment(newEnv, stamp)).orElse(ParsedFileCache.NONE));
    }
}
