/**
 * The real provider: every operation runs the official {@code tctl} or {@code tbot} binary as a
 * subprocess (argument lists, never a shell; a timeout per call; a minimal environment), parses its
 * JSON output, and maps its errors to the SPI's kinds after scrubbing secrets from what it printed.
 * Depends only on the engine's provider SPI.
 */
package dev.teleform.provider.teleport;
