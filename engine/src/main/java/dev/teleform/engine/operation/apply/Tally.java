package dev.teleform.engine.operation.apply;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.operation.hook.ApplyResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the steps of one apply have ended as so far: finished steps by verb, one problem per failure, skips. */
final class Tally {

    private final Map<String, Integer> done = new ConcurrentHashMap<>();
    private final List<Diagnostic> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger skipped = new AtomicInteger();

    void finished(String verb) {
        done.merge(verb, 1, Integer::sum);
    }

    void failed(Diagnostic failure) {
        failures.add(failure);
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    Map<String, Integer> done() {
        return new TreeMap<>(done);
    }

    Diagnostics failures() {
        synchronized (failures) {
            return Diagnostics.of(failures);
        }
    }

    int skips() {
        return skipped.get();
    }

    /** {@code 2 created, 1 updated}: for checkpoint messages. */
    String summary() {
        return ApplyResult.describe(done());
    }
}
