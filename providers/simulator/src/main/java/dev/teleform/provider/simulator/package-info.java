/**
 * The embedded Teleport Cloud simulator: a file-backed parent cluster and workload clusters that
 * behave as ../shared/TELEPORT.md describes (validation texts, immutable specs, asynchronous
 * provisioning, the cloud-managed bot that cannot delete, server-filled defaults, RBAC, invites),
 * with fault injection and call counters for tests and benchmarks. Depends only on the engine's
 * provider SPI.
 */
package dev.teleform.provider.simulator;
