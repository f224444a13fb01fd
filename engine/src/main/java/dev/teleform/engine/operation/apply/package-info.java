/**
 * Carrying out a plan: a walker starts each step once what it depends on has completed and skips what
 * depends on a failed step, while independent branches finish; one handler per action kind does the step's
 * work and ends in a {@code StepOutcome}. Provider calls take slots per Teleport cluster and overall
 * ({@code CallSlots}; waits hold no slot), the calls of the steps with the longest chain behind them first
 * ({@code CriticalPath}), and are retried with backoff; state is checkpointed as steps
 * complete ({@code Checkpoints}), so it always reflects what was really done. A wait polls its cluster
 * until it is ready ({@code Readiness}) with pauses a cancel cuts short. Time comes from an injected clock
 * and sleeper. Reports through the {@code hook} package; never prints. Depends on {@code hook},
 * {@code access}, {@code plan}, {@code provider}, {@code state}, {@code retry}, {@code resource},
 * {@code schema}, {@code addr} and {@code diag}; only the operations layer (and the apply benchmark, which
 * times the walker alone) uses it.
 */
package dev.teleform.engine.operation.apply;
