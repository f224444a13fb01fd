/**
 * Applying a plan. {@link dev.teleform.engine.operation.apply.ApplyExecutor} sets a run up and ends it
 * with the final checkpoint and the result; {@code GraphWalker} walks the plan's graph, starting a step
 * once the steps it depends on are done and skipping it when one failed, when state could not be saved or
 * after a cancel; one handler per kind of action ({@code CreateStep} ... {@code InviteStep}) does a step's
 * work and returns a {@code StepOutcome}, which the walker turns into events and the result. The steps
 * share a {@code RunContext}: provider calls in slots per Teleport cluster and overall, with retries
 * ({@code CallSlots}; waits hold no slot), the clusters' credentials, and state checkpointed as steps
 * complete ({@code Checkpoints}), so it always reflects what was really done. A wait polls its cluster
 * until it is ready ({@code Readiness}) with pauses a cancel cuts short. Time comes from an injected
 * clock and sleeper. Reports through {@link dev.teleform.engine.operation.ApplyEvents}; never prints.
 * Depends on the plan, the provider SPI, state, retries and the operation layer's hooks and
 * {@link dev.teleform.engine.operation.ClusterAccess}; only {@code dev.teleform.engine.operation} uses it.
 */
package dev.teleform.engine.operation.apply;
