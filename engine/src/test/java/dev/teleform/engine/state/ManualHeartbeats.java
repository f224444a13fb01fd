package dev.teleform.engine.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A heartbeat schedule that beats when the test says: each held lock's beat, in the order they were taken. */
final class ManualHeartbeats implements HeartbeatSchedule {

    private final List<Runnable> beats = new ArrayList<>();
    private final List<Duration> intervals = new ArrayList<>();
    private int stopped;

    @Override
    public synchronized Running every(Duration interval, Runnable beat) {
        beats.add(beat);
        intervals.add(interval);
        return () -> {
            synchronized (this) {
                stopped++;
            }
        };
    }

    /** The {@code index}th lock taken beats once. */
    void beat(int index) {
        Runnable beat;
        synchronized (this) {
            beat = beats.get(index);
        }
        beat.run();
    }

    synchronized Duration interval(int index) {
        return intervals.get(index);
    }

    synchronized int stopped() {
        return stopped;
    }
}
