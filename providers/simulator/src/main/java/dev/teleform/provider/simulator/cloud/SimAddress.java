package dev.teleform.provider.simulator.cloud;

import dev.teleform.provider.simulator.store.SimStore;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code kind/name} or {@code kind/name@cluster}, as Teleform prints addresses. */
public record SimAddress(String kind, String name, String cluster) {

    private static final Pattern SYNTAX = Pattern.compile("([a-z_]+)/([^@/\\s]+)(?:@([^@/\\s]+))?");

    public static Optional<SimAddress> parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SimAddress(m.group(1), m.group(2), m.group(3) == null ? SimStore.PARENT : m.group(3)));
    }

    @Override
    public String toString() {
        return kind + "/" + name + (SimStore.PARENT.equals(cluster) ? "" : "@" + cluster);
    }
}
