/**
 * The simulated Teleport Cloud: a parent cluster and its workload clusters that behave as
 * ../shared/TELEPORT.md describes (validation texts, immutable specs, asynchronous provisioning, the
 * cloud-managed bot that cannot delete, server-filled defaults, RBAC, invites and resets), with
 * identity files, fault injection and call counting ({@link dev.teleform.provider.simulator.cloud.Faults}),
 * and an administrator's access from outside Teleform
 * ({@link dev.teleform.provider.simulator.cloud.SimConsole}) for {@code teleform sim} and the stand-ins.
 *
 * <p>Depends on {@code store} for its files and, of the engine, only on the provider SPI; never on the
 * provider, the stand-ins or the commands, and not on picocli.
 */
package dev.teleform.provider.simulator.cloud;
