package dev.teleform.engine.operation.apply;

import dev.teleform.engine.diag.Failure;

/**
 * A step's failure in Teleform's own words, where no provider call failed: a refusal (a workload cluster's
 * delete without {@code --allow-destroy}, a resource that exists and differs from the stack), a wait that ran
 * out or was interrupted, a bug.
 */
record StepFailure(String message) implements Failure {}
