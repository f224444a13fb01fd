/**
 * Views: how the CLI shows what the engine returns. Apply's progress for people
 * ({@link dev.teleform.cli.view.ProgressPrinter}) and the NDJSON of {@code --json-events}
 * ({@link dev.teleform.cli.view.JsonEvents}) are two views of the engine's
 * {@link dev.teleform.engine.operation.hook.ApplyEvents} hook; a stack's report and a plan's printing (through
 * the engine's renderers) are the others, and {@link dev.teleform.cli.view.Terminal} says whether
 * output goes to a person at a terminal. Uses of the engine what the command line may use (the operations
 * layer and its hooks, {@code render}, {@code diag}, {@code addr}, the plan's data types), never the
 * commands of {@code dev.teleform.cli} nor picocli, so each view is tested by itself with fabricated input.
 */
package dev.teleform.cli.view;
