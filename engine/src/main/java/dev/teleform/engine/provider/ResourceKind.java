package dev.teleform.engine.provider;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The Teleport kinds Teleform manages, the versions it accepts, and where they may live. */
public enum ResourceKind {
    WORKLOAD_CLUSTER("workload_cluster", List.of("v1"), true),
    ROLE("role", List.of("v6", "v7", "v8"), false),
    USER("user", List.of("v2"), false);

    private final String kind;
    private final List<String> versions;
    private final boolean parentOnly;

    ResourceKind(String kind, List<String> versions, boolean parentOnly) {
        this.kind = kind;
        this.versions = versions;
        this.parentOnly = parentOnly;
    }

    /** The name in {@code kind:} and in addresses. */
    public String kind() {
        return kind;
    }

    public List<String> versions() {
        return versions;
    }

    /** Workload clusters exist only in the parent cluster. */
    public boolean parentOnly() {
        return parentOnly;
    }

    public static Optional<ResourceKind> of(String kind) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
    }
}
