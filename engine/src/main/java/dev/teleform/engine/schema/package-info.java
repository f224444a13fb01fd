/**
 * The JSON Schemas of stack documents (packaged from the repository's {@code schemas/}), validation
 * through networknt json-schema-validator, and the rewriting of its findings into Teleform
 * diagnostics with positions and "did you mean" hints. Depends on {@code diag} and {@code stack}'s
 * source documents.
 */
package dev.teleform.engine.schema;
