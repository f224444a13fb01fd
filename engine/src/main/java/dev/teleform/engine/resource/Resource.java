package dev.teleform.engine.resource;

import dev.teleform.engine.addr.ResourceKind;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.source.SourceDocument;
import tools.jackson.databind.node.ObjectNode;

/**
 * One resource the stack declares.
 *
 * @param address   where it lives and what it is called
 * @param kind      its kind
 * @param version   its resource version ({@code v7}, ...)
 * @param document  the Teleport resource as it will be sent: Teleform's keys and server-set fields
 *                  removed. It shares subtrees with {@code source}: neither is modified after loading.
 * @param lifecycle protection settings
 * @param invite    invite settings (users only; {@link InvitePolicy#NONE} for other kinds)
 * @param sensitive the fields of {@code document} that took a sensitive variable's value
 * @param source    the document as written, with the position of every field, for messages
 */
public record Resource(Address address, ResourceKind kind, String version, ObjectNode document,
        Lifecycle lifecycle, InvitePolicy invite, SensitiveFields sensitive, SourceDocument source) {

    public String name() {
        return address.name();
    }

    public String cluster() {
        return address.cluster();
    }
}
