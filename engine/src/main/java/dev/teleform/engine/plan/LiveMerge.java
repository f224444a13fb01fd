package dev.teleform.engine.plan;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an update writes, as {@code kubectl apply} does: the live resource with exactly the plan's field
 * changes made. Teleport's writes replace a whole resource, so sending the stack's document would erase
 * every live field the stack does not set (traits set by SSO, a label added by hand, an
 * {@code ignore_changes} field); writing live keeps them, and what is written differs from live in
 * exactly the fields the plan listed.
 */
public final class LiveMerge {

    private LiveMerge() {
    }

    /**
     * @param live    the resource as read just before the write
     * @param changes the update's field changes, from the reviewed plan
     */
    public static ObjectNode merge(ObjectNode live, List<FieldChange> changes) {
        // Server-set fields (revision, status, a user's created_by) go back as read: Teleport keeps its own
        // values for them on write, and leaving them out would be a change the plan did not show.
        ObjectNode written = live.deepCopy();
        changes.forEach(change -> change.applyTo(written));
        return written;
    }
}
