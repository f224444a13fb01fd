/**
 * Retrying transient provider failures: one policy (exponential backoff with full jitter, capped),
 * one loop that refresh and apply share, and an injectable sleeper so tests take no time. Resilience4j
 * was considered; its sleeps cannot be injected and it would wait inside a call slot. Depends only on
 * {@code provider}, for its error type.
 */
package dev.teleform.engine.retry;
