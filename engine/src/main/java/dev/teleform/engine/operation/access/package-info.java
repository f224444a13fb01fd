/**
 * Reaching Teleport clusters: {@link dev.teleform.engine.operation.access.ClusterAccess} is the one place that
 * joins the parent as the Machine ID bot of {@code spec.parent.join}, logs in to a workload cluster with its
 * identity file or joins it as its bot, keeps the credentials for a run, renews them before they expire and
 * removes them at the end; {@link dev.teleform.engine.operation.access.AccessSettings} is what the stack says about
 * it. Depends on {@code provider}, {@code retry} and {@code addr}.
 */
package dev.teleform.engine.operation.access;
