/**
 * Stacks: loading a directory (files, includes, variable substitution of the environment variables
 * that {@code spec.environment} declares, noting which fields took a sensitive value), validating it
 * against the schemas and Teleform's rules, and the resulting {@link dev.teleform.engine.stack.Stack}
 * with its settings (and the provider settings they make). Depends on {@code source}, {@code schema},
 * {@code resource}, {@code provider} (its settings type), {@code json}, {@code addr} and {@code diag}.
 */
package dev.teleform.engine.stack;
