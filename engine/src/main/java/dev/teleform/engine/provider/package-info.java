/**
 * The provider SPI: what Teleform asks of a Teleport (real or simulated). A provider reads live
 * resources in bulk per cluster and kind, writes them, reports a workload cluster's status,
 * obtains short-lived credentials for a child cluster, creates invite links, and says which verbs
 * its identity holds. Every call returns {@code Either<ProviderError, T>}; errors mirror Teleport's
 * kinds so the engine can decide to retry, fail a step or refuse a plan.
 *
 * <p>Providers implement {@link dev.teleform.engine.provider.ProviderFactory} and are found with
 * {@link java.util.ServiceLoader} by the stack's {@code spec.provider}. This package depends only
 * on {@code addr} for the kinds it reads and writes and on {@code diag}, whose {@code Failure} its
 * errors are (and on Jackson trees and vavr), and providers
 * depend on nothing else of the engine.
 */
package dev.teleform.engine.provider;
