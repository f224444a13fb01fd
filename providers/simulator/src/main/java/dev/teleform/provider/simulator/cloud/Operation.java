package dev.teleform.provider.simulator.cloud;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The provider calls the simulator counts and can inject faults into. */
public enum Operation {
    LIST, GET, CREATE, UPSERT, UPDATE, DELETE, STATUS, BOOTSTRAP, LOGIN, JOIN_PARENT, INVITE, PERMISSIONS;

    /** The name used in {@code faults.json}, counters and {@code teleform sim faults --op}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Operation> of(String key) {
        return Arrays.stream(values()).filter(op -> op.key().equals(key)).findFirst();
    }
}
