/**
 * Resource addresses: {@code kind/name} in the parent cluster, {@code kind/name@cluster} in a
 * workload cluster. They parse and print themselves and order plan output. Depends on nothing
 * else in the engine.
 */
package dev.teleform.engine.addr;
