package dev.teleform.engine.provider;

import dev.teleform.engine.addr.ResourceKind;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resource as the server returns it: what was written plus what the server fills in (defaults,
 * {@code metadata.revision}, {@code status}). The document is never modified once returned.
 */
public record LiveResource(ResourceKind kind, String name, ObjectNode document) {

    /** {@code metadata.revision}, or empty. */
    public String revision() {
        return document.path("metadata").path("revision").asString("");
    }
}
