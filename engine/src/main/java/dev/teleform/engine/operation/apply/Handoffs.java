package dev.teleform.engine.operation.apply;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one step of a run leaves for a later step, taken once: a created cluster's status for its wait, a new
 * user's link for its invite. Kept in memory only, so it may hold a secret.
 */
final class Handoffs<K, V> {

    private final Map<K, V> left = new ConcurrentHashMap<>();

    void leave(K key, V value) {
        left.put(key, value);
    }

    Optional<V> take(K key) {
        return Optional.ofNullable(left.remove(key));
    }
}
