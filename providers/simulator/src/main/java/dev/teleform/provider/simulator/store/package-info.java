/**
 * The simulator's files: one JSON file per object in a data directory, replaced by rename so that
 * readers in any process need no lock, and written under a per-cluster lock that holds across threads
 * and processes ({@link dev.teleform.provider.simulator.store.SimStore}); and the append-only record of
 * calls and creations ({@link dev.teleform.provider.simulator.store.CallLog}).
 *
 * <p>Knows nothing of Teleport: depends on no other simulator package, not on picocli, and of the
 * engine only on the provider SPI.
 */
package dev.teleform.provider.simulator.store;
