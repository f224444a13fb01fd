/**
 * The operations layer: what each command does, as the engine's one entrance. A {@link
 * dev.teleform.engine.operation.Workspace} opens a stack's state store, lock and provider; {@code
 * PlanOperation}, {@code ApplyOperation}, {@code RefreshOperation}, {@code ImportOperation}, {@code
 * InviteOperation} and {@code StateOperation} carry out plan, apply, the refresh of live state, import,
 * invite and state edits; {@link dev.teleform.engine.operation.ClusterAccess} is the one place that
 * reaches a workload cluster. Operations return an {@link dev.teleform.engine.operation.Outcome}:
 * problems are {@code Diagnostics}, with a provider's or the state store's error inside, never strings
 * or exceptions. Progress goes to the hooks a caller implements ({@link
 * dev.teleform.engine.operation.ApplyEvents}, {@link dev.teleform.engine.operation.InviteDelivery});
 * nothing here prints. The machinery of apply lives in {@code operation.apply}, which only this layer uses,
 * and only this layer reaches a provider. Depends on every engine package but {@code render} and
 * {@code source}; the command line depends on this one.
 */
package dev.teleform.engine.operation;
