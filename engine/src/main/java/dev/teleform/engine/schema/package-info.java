/**
 * The JSON Schemas of stack documents (packaged from the repository's {@code schemas/}), validation
 * through networknt json-schema-validator, and the rewriting of its findings into Teleform
 * diagnostics with positions and "did you mean" hints; and what the schemas say about fields
 * (which are immutable, which the server fills in). Depends on {@code source}, {@code addr} and
 * {@code diag}; the only package that uses networknt.
 */
package dev.teleform.engine.schema;
