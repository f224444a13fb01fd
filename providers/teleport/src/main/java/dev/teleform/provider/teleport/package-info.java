/**
 * The real provider: every operation runs the official {@code tctl} or {@code tbot} binary as a
 * subprocess (argument lists, never a shell; a timeout per call; a minimal environment), parses its
 * JSON output, and maps its errors to the SPI's kinds after scrubbing secrets from what it printed.
 * Depends only on the engine's provider SPI (with the kinds of {@code addr} and the {@code Failure} of
 * {@code diag} that it names), and never on picocli.
 */
package dev.teleform.provider.teleport;
