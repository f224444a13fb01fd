/**
 * Resource addresses and the kinds Teleform manages: {@code kind/name} in the parent cluster,
 * {@code kind/name@cluster} in a workload cluster. An address always has a known
 * {@link dev.teleform.engine.addr.ResourceKind}; text naming another kind does not parse. Addresses
 * parse and print themselves and order plan output. The only place that spells a kind's name.
 * Depends on nothing else in the engine.
 */
package dev.teleform.engine.addr;
