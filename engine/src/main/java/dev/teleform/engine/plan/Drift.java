package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import java.util.List;

/**
 * A managed resource changed outside Teleform: fields whose live value is not what was applied
 * ({@code before} applied, {@code after} live), or the whole resource deleted.
 */
public record Drift(Address address, boolean deleted, List<FieldChange> fields) {

    public Drift {
        fields = List.copyOf(fields);
    }
}
