/**
 * Canonical JSON: keys sorted at every level, two-space indentation, a trailing newline. State
 * files and plan files are written this way so equal content is equal bytes and {@code git log -p}
 * reads well. Depends on nothing else in the engine.
 */
package dev.teleform.engine.json;
