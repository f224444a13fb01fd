package dev.teleform.provider.teleport;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cluster alerts tctl printed in this run (TELEPORT.md §6): tctl repeats them after every command,
 * so each is kept once, in the order first seen, to be shown as a warning rather than as part of an error.
 * Safe for the provider's concurrent calls.
 */
final class ClusterAlerts {

    private final Set<String> seen = new LinkedHashSet<>();

    synchronized void addAll(List<String> alerts) {
        seen.addAll(alerts);
    }

    synchronized List<String> all() {
        return List.copyOf(seen);
    }
}
