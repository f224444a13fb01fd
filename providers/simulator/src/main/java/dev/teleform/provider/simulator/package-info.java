/**
 * The embedded Teleport Cloud simulator as the engine loads it: {@link SimulatorProviderFactory}
 * ({@code provider: simulator}, found with {@link java.util.ServiceLoader}) opens a
 * {@link dev.teleform.engine.provider.Provider} over the simulated cloud that resolves who is calling
 * (the parent's identity, or credentials of a workload cluster), records the call, applies injected
 * faults and turns documents into live resources.
 *
 * <p>The simulator's other packages, one job each: {@code cloud} (the simulated Teleport Cloud),
 * {@code store} (its files), {@code standin} (answering as {@code tctl} and {@code tbot}) and
 * {@code command} ({@code teleform sim}). They form no cycle and none of them depends on this package,
 * which itself uses only {@code cloud} and {@code store}. Of the engine, every simulator package uses
 * only the provider SPI ({@code dev.teleform.engine.provider}, with the kinds of {@code addr} and the
 * {@code Failure} of {@code diag} that it names); only {@code standin} and {@code command}
 * use picocli.
 */
package dev.teleform.provider.simulator;
