/**
 * Applying a plan: walk its graph with bounded parallelism for provider calls (waits hold no
 * slot), retry transient failures with backoff, fail a step and skip what depends on it while
 * independent branches finish, and checkpoint state so it always reflects what was really done.
 * Reports through {@link dev.teleform.engine.operation.ApplyEvents}; never prints. Only the
 * operations layer uses it.
 */
package dev.teleform.engine.operation.apply;
