/**
 * {@code teleform sim}: the picocli commands that inspect and perturb a simulator data directory
 * (status, get, edit, delete, faults, identity, reset), write stand-in {@code tctl} and {@code tbot}
 * scripts, and hand {@code sim tctl} and {@code sim tbot} to the stand-ins.
 * {@link dev.teleform.provider.simulator.command.SimTool} is the
 * {@link dev.teleform.engine.provider.ProviderTool} the CLI finds with {@link java.util.ServiceLoader}.
 *
 * <p>Each command parses, calls the cloud's console or a stand-in, and prints. Depends on
 * {@code standin}, {@code cloud}, {@code store}, picocli and the engine's provider SPI; nothing in the
 * simulator depends on it.
 */
package dev.teleform.provider.simulator.command;
