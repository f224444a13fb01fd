/**
 * The operations layer: what each command does, as the engine's one entrance. A {@link
 * dev.teleform.engine.operation.Workspace} opens a stack's state store, lock and provider; {@code
 * PlanOperation}, {@code ApplyOperation}, {@code RefreshOperation}, {@code ImportOperation}, {@code
 * InviteOperation}, {@code StateOperation}, {@code OutputOperation} and {@code ValidateOperation} carry out
 * plan, apply, the refresh of live state, import, invite, state edits, outputs and validation. Operations return an {@link
 * dev.teleform.engine.operation.Outcome}: problems are {@code Diagnostics}, with a provider's or the state
 * store's error inside, never strings or exceptions. Nothing here prints.
 *
 * <p>Its sub-packages: {@code hook} (what a caller implements and is handed: apply's events, invite
 * delivery, the apply's result), {@code access} (the one place that reaches a workload cluster) and
 * {@code apply} (the machinery that walks a plan's graph, which only this package uses). Only this layer
 * reaches a provider. Depends on every engine package but {@code render} and {@code source}; the command
 * line depends on this package and on {@code hook}.
 */
package dev.teleform.engine.operation;
