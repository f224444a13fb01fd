/**
 * Problems as values: a {@link dev.teleform.engine.diag.Diagnostic} names its severity, where in a
 * source file it is, which field, and what is wrong. Every stage collects them and returns them,
 * so a user sees every problem at once. Depends on nothing else in the engine.
 */
package dev.teleform.engine.diag;
