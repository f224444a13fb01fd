package dev.teleform.engine.addr;

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

    /** By cluster, then kind, then name: a cluster's resources are next to each other (plans walk them so). */
    @Override
    public int compareTo(Address other) {
        int byCluster = cluster.compareTo(other.cluster);
        if (byCluster != 0) {
            return byCluster;
        }
        int byKind = kind == other.kind ? 0 : kind.kind().compareTo(other.kind.kind());
        return byKind != 0 ? byKind : name.compareTo(other.name);
    }

    /** Written out: sets and maps of addresses ask for it for every lookup, so the record's generic one is too slow. */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Address that && kind == that.kind && name.equals(that.name)
                && cluster.equals(that.cluster);
    }

    /**
     * Mixed, not the usual {@code 31 * h + ...}: a fleet's names differ in their last characters ({@code team-7} in
     * {@code tenant-42}), and with the usual sum a third of a 10,000-address fleet shared a hash with another
     * address, which open-addressing sets ({@link java.util.Set#copyOf}) pay for on every lookup.
     */
    @Override
    public int hashCode() {
        int h = name.hashCode() * 0x9E3779B9 + cluster.hashCode() * 31 + kind.ordinal();
        return h ^ (h >>> 16);
    }
}
