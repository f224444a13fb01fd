/**
 * Benchmark programs and the stack generators they share. They print figures; nothing here
 * asserts a time. Depends on the engine only.
 */
package dev.teleform.bench;
