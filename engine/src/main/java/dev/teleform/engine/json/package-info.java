/**
 * JSON as Teleform writes it. Canonical JSON ({@link dev.teleform.engine.json.CanonicalJson}): keys
 * sorted at every level, two-space indentation, a trailing newline; state files and plan files are
 * written this way so equal content is equal bytes and {@code git log -p} reads well. (JSON lines for
 * event streams are {@code render}'s.) Depends on nothing else in the engine.
 */
package dev.teleform.engine.json;
