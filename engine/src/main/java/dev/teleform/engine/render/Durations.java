package dev.teleform.engine.render;

import dev.teleform.engine.provider.GoDuration;
import java.time.Duration;

/** Durations as Teleform shows them everywhere, in the form its settings and Teleport's tools take: {@code 1m30s}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration duration) {
        return GoDuration.format(duration);
    }
}
