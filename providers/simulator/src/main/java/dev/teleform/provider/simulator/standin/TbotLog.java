package dev.teleform.provider.simulator.standin;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * tbot's log on stderr, in the text format Teleport's log handler writes when stderr is not a terminal
 * ({@code lib/utils/log/slog_text_handler.go}): a UTC timestamp to the millisecond, the level padded to
 * four characters, the component in brackets padded to eleven, the message, its {@code key:value}
 * fields (a value with spaces quoted), and the file and line that logged it. No colours.
 */
final class TbotLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);

    private final PrintWriter err;

    TbotLog(PrintWriter err) {
        this.err = err;
    }

    void info(Instant at, String component, String message, String caller) {
        line(at, "INFO", component, message, caller);
    }

    void warn(Instant at, String component, String message, String caller) {
        line(at, "WARN", component, message, caller);
    }

    private void line(Instant at, String level, String component, String message, String caller) {
        err.println(TIME.format(at) + " " + level + " " + "%-11s".formatted("[" + component + "]") + " " + message
                + " " + caller);
        err.flush();
    }
}
