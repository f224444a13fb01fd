/**
 * The simulator answering as Teleport's {@code tctl} and {@code tbot} binaries (TELEPORT.md §3, §5),
 * so that the real provider can be tested through real processes: the arguments are parsed as the real
 * tools parse them (an unknown flag or command is an error with kingpin's text), then the call goes to
 * the simulated cloud and the answer comes back with the real tools' output, error texts and exit
 * status.
 *
 * <p>Depends on {@code cloud}, {@code store}, picocli and the engine's provider SPI; not on the
 * provider or on the {@code teleform sim} commands, which reach it through
 * {@link dev.teleform.provider.simulator.standin.TctlStandIn} and
 * {@link dev.teleform.provider.simulator.standin.TbotStandIn}.
 */
package dev.teleform.provider.simulator.standin;
