package dev.teleform.engine.addr;

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

    /** The name, as in {@link #kind()}, so that a kind reads the same in every message. */
    @Override
    public String toString() {
        return kind;
    }

    public List<String> versions() {
        return versions;
    }

    /** Workload clusters exist only in the parent cluster. */
    public boolean parentOnly() {
        return parentOnly;
    }

    /** The names of every kind, for messages: {@code workload_cluster, role or user}. */
    public static String names() {
        List<String> names = Arrays.stream(values()).map(ResourceKind::kind).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    public static Optional<ResourceKind> of(String kind) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
    }
}
