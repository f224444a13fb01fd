package dev.teleform.engine.stack;

import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.addr.ResourceKind;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated stack: its settings and the resources it declares, sorted by address.
 *
 * @param dir       the stack directory
 * @param settings  the {@code kind: stack} document
 * @param resources every declared resource, sorted by address
 * @param digest    SHA-256 of the stack's content after substitution: a plan made from other content
 *                  is stale
 * @param redaction the values of its sensitive variables, which no message may show
 */
public record Stack(Path dir, StackSettings settings, List<Resource> resources, String digest, Redaction redaction) {

    public Stack {
        resources = resources.stream().sorted((a, b) -> a.address().compareTo(b.address())).toList();
    }

    public long count(ResourceKind kind) {
        return resources.stream().filter(r -> r.kind() == kind).count();
    }

    /** {@code 1 workload cluster, 4 roles, 6 users}. */
    public String summary() {
        return plural(count(ResourceKind.WORKLOAD_CLUSTER), "workload cluster") + ", "
                + plural(count(ResourceKind.ROLE), ResourceKind.ROLE.kind()) + ", " + plural(count(ResourceKind.USER), ResourceKind.USER.kind());
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
