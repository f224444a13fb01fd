package dev.teleform.engine.resource;

import java.util.List;

/**
 * Teleform's {@code lifecycle:} key on a resource.
 *
 * @param preventDestroy refuse every plan that deletes the resource
 * @param ignoreChanges  JSON Pointers of fields never updated after creation
 */
public record Lifecycle(boolean preventDestroy, List<String> ignoreChanges) {

    public static final Lifecycle DEFAULT = new Lifecycle(false, List.of());

    public Lifecycle {
        ignoreChanges = List.copyOf(ignoreChanges);
    }
}
