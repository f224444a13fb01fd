/**
 * Problems as values: a {@link dev.teleform.engine.diag.Diagnostic} names its severity, where in a
 * source file it is, which field, and what is wrong. Every stage collects them and returns them,
 * so a user sees every problem at once. A problem met outside a stack's files names no place and may
 * carry the {@link dev.teleform.engine.diag.Failure} that caused it (a provider's or the state store's
 * error). Also what keeps secrets out of messages: a stack's sensitive values ({@code Redaction}) and the
 * credentials in URLs ({@code UrlCredentials}). Depends on nothing else in the engine.
 */
package dev.teleform.engine.diag;
