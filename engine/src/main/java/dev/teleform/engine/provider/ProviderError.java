package dev.teleform.engine.provider;

import dev.teleform.engine.diag.Failure;

/**
 * Why a provider call failed, by Teleport's error kinds. {@code message} is the server's text,
 * already scrubbed of secrets by the provider. Switch over it without a {@code default}, so a new
 * kind fails to compile where it must be handled.
 */
public sealed interface ProviderError extends Failure {

    /** Whether the same call may succeed if tried again later. */
    default boolean transientFailure() {
        return this instanceof ConnectionProblem || this instanceof LimitExceeded;
    }

    /** The resource does not exist. */
    record NotFound(String message) implements ProviderError {}

    /** A resource of that name exists already. */
    record AlreadyExists(String message) implements ProviderError {}

    /** The identity lacks a verb, or an identity was refused (a failed join). */
    record AccessDenied(String message) implements ProviderError {}

    /** The request is invalid: the server refused what was sent (e.g. a changed workload cluster spec). */
    record BadParameter(String message) implements ProviderError {}

    /** Rate or quota limit; retry later. */
    record LimitExceeded(String message) implements ProviderError {}

    /** The server could not be reached or failed transiently; retry later. */
    record ConnectionProblem(String message) implements ProviderError {}
}
