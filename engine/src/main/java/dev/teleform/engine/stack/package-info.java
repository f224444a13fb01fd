/**
 * Stacks: loading a directory (files, includes, variable substitution of the environment variables
 * that {@code spec.environment} declares, noting which fields took a sensitive value), validating it
 * against the schemas and Teleform's rules, and the resulting {@link dev.teleform.engine.stack.Stack}
 * with its settings. Depends on {@code source}, {@code schema}, {@code resource}, {@code addr}, {@code diag}.
 */
package dev.teleform.engine.stack;
