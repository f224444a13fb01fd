package dev.teleform.engine.addr;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names one managed resource: {@code workload_cluster/child}, {@code role/editor-wc},
 * {@code user/alice@child}.
 *
 * @param kind    the kind of resource
 * @param name    {@code metadata.name}
 * @param cluster the workload cluster holding it, or empty for the parent cluster
 */
public record Address(ResourceKind kind, String name, String cluster) implements Comparable<Address> {

    /**
     * {@code kind/name}, then optionally {@code @cluster}. Names may hold {@code @} and dots (user
     * names are often e-mail addresses), so the cluster is the part after the last {@code @} only when
     * it is a DNS label, as workload cluster names are: {@code user/bob@example.com@child} is user
     * {@code bob@example.com} in {@code child}, {@code user/bob@example.com} is in the parent.
     */
    private static final Pattern SYNTAX = Pattern.compile(
            "([a-z_]+)/([^/\\s]+?)(?:@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))?");
    private static final Comparator<Address> ORDER = Comparator
            .comparing(Address::cluster)
            .thenComparing(address -> address.kind().kind())
            .thenComparing(Address::name);

    public Address {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cluster, "cluster");
    }

    /** A resource of the parent cluster. */
    public static Address inParent(ResourceKind kind, String name) {
        return new Address(kind, name, "");
    }

    /** A resource of workload cluster {@code cluster}; empty means the parent. */
    public static Address in(ResourceKind kind, String name, String cluster) {
        return new Address(kind, name, cluster);
    }

    /** An address from its parts as a file holds them, where the kind is a name that may be unknown. */
    public static AddressParse of(String kind, String name, String cluster) {
        return ResourceKind.of(kind).<AddressParse>map(known -> new AddressParse.Parsed(new Address(known, name, cluster)))
                .orElseGet(() -> new AddressParse.Invalid(kind + "/" + name, "\"" + kind + "\" is no kind Teleform manages ("
                        + ResourceKind.names() + ")"));
    }

    /** Parses {@code kind/name} or {@code kind/name@cluster}. */
    public static AddressParse parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return new AddressParse.Invalid(text, "\"" + text
                    + "\" is not an address: write kind/name or kind/name@cluster, e.g. role/editor or user/alice@child");
        }
        return ResourceKind.of(m.group(1))
                .<AddressParse>map(kind -> new AddressParse.Parsed(new Address(kind, m.group(2),
                        m.group(3) == null ? "" : m.group(3))))
                .orElseGet(() -> new AddressParse.Invalid(text, "\"" + text + "\" names no kind Teleform manages: "
                        + ResourceKind.names()));
    }

    public boolean inParentCluster() {
        return cluster.isEmpty();
    }

    @Override
    public String toString() {
        return kind.kind() + "/" + name + (cluster.isEmpty() ? "" : "@" + cluster);
    }

    @Override
    public int compareTo(Address other) {
        return ORDER.compare(this, other);
    }
}
