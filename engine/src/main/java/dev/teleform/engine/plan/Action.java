package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.resource.SensitiveFields;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One step of a plan. Resource actions change Teleport; engine steps ({@link Wait}, {@link Bootstrap},
 * {@link Invite}) make the later ones possible. Switch over it without a {@code default}.
 *
 * <p>A resource action's {@code document} is the resource as it will be sent, and its {@code sensitive}
 * fields are those of the document that took a sensitive variable's value: every output of the plan
 * shows a placeholder there.
 */
public sealed interface Action {

    Address address();

    /** Creates the resource. */
    record Create(Address address, ObjectNode document, SensitiveFields sensitive) implements Action {}

    /** The resource exists live exactly as the stack wants it: record it in state, write nothing. */
    record Adopt(Address address, ObjectNode document, SensitiveFields sensitive) implements Action {}

    /**
     * Changes the listed fields in place: apply writes the live resource with exactly these changes made
     * ({@link LiveMerge}); {@code document} is the stack's, which state records as last applied.
     */
    record Update(Address address, ObjectNode document, List<FieldChange> changes, SensitiveFields sensitive)
            implements Action {}

    /** Deletes and creates again ({@code --replace}); roles and users only. */
    record Replace(Address address, ObjectNode document, List<FieldChange> changes, SensitiveFields sensitive)
            implements Action {}

    /**
     * Deletes the resource.
     *
     * @param alreadyGone it is not live any more: only state forgets it
     * @param takesWith   for a workload cluster, the managed roles and users that go with it (no calls)
     */
    record Delete(Address address, boolean alreadyGone, List<Address> takesWith) implements Action {
        public Delete {
            takesWith = List.copyOf(takesWith);
        }
    }

    /**
     * State stops managing the resource and Teleport keeps it: a Teleport preset or system resource that
     * was adopted and then removed from the stack, which only Teleport may delete.
     *
     * @param reason why it is not deleted, for the plan's reader
     */
    record Forget(Address address, String reason) implements Action {}

    /** Waits until a workload cluster reports {@code active}. */
    record Wait(Address address) implements Action {}

    /** Obtains credentials for a workload cluster. */
    record Bootstrap(Address address) implements Action {}

    /** Creates an invite link for a new user. */
    record Invite(Address address, Duration ttl) implements Action {}

    /** The verb used in step ids, text output and JSON ({@code create}, {@code wait}, ...). */
    static String verb(Action action) {
        return switch (action) {
            case Create c -> "create";
            case Adopt a -> "adopt";
            case Update u -> "update";
            case Replace r -> "replace";
            case Delete d -> "delete";
            case Forget f -> "forget";
            case Wait w -> "wait";
            case Bootstrap b -> "bootstrap";
            case Invite i -> "invite";
        };
    }
}
