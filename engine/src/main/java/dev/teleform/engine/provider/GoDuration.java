package dev.teleform.engine.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations the way Teleport and Go write them. Stacks and flags use the short form ({@code 90s},
 * {@code 1h30m}); Teleport's server returns Go's {@code Duration.String()} ({@code 1h30m0s}), which
 * a diff must treat as the same value.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** The duration, or empty when the text is not a Go duration. */
    public static Optional<Duration> parse(String text) {
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        long nanos = wholeUnits(text);
        return nanos >= 0 ? Optional.of(Duration.ofNanos(nanos)) : nanos == NOT_A_DURATION ? Optional.empty()
                : parseExactly(text);
    }

    private static final long NOT_A_DURATION = -1;
    private static final long NEEDS_DECIMALS = -2;

    /**
     * The nanoseconds of a duration in whole units ({@code 8h}, {@code 1h30m0s}), as a plan compares thousands of
     * them: {@link #NOT_A_DURATION}, or {@link #NEEDS_DECIMALS} for fractions and sums a long cannot hold.
     */
    private static long wholeUnits(String text) {
        int at = 0;
        int length = text.length();
        long total = 0;
        while (at < length) {
            int digits = at;
            long amount = 0;
            while (at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                if (at - digits == 18) {
                    return NEEDS_DECIMALS;
                }
                amount = amount * 10 + (text.charAt(at++) - '0');
            }
            if (at == digits || at == length) {
                return NOT_A_DURATION; // a number needs a unit, and a unit a number
            }
            char unit = text.charAt(at++);
            boolean secondFollows = at < length && text.charAt(at) == 's';
            long size = switch (unit) {
                case '.' -> NEEDS_DECIMALS;
                case 'h' -> 3_600_000_000_000L;
                case 's' -> 1_000_000_000L;
                case 'm' -> secondFollows ? 1_000_000L : 60_000_000_000L;
                case 'n' -> secondFollows ? 1L : NOT_A_DURATION;
                case 'u', 'µ' -> secondFollows ? 1_000L : NOT_A_DURATION;
                default -> NOT_A_DURATION;
            };
            if (size < 0) {
                return size;
            }
            if (secondFollows && unit != 's' && unit != 'h') {
                at++;
            }
            try {
                total = Math.addExact(total, Math.multiplyExact(amount, size));
            } catch (ArithmeticException e) {
                return NEEDS_DECIMALS;
            }
        }
        return at == 0 ? NOT_A_DURATION : total;
    }

    /** Any Go duration this reads, fractions included ({@code 1.5h}). */
    static Optional<Duration> parseExactly(String text) {
        Matcher m = PART.matcher(text);
        int end = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }

    /** The short form people write: {@code 2h}, {@code 1m30s}, {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0 || out.isEmpty()) {
            out.append(seconds).append('s');
        }
        return out.toString();
    }

    /** Go's {@code time.Duration.String()}, as Teleport returns durations: {@code 30h0m0s}, {@code 1m30s}. */
    public static String goString(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        long nanos = d.toNanosPart();
        if (hours == 0 && minutes == 0 && d.toSecondsPart() == 0) {
            return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms"
                    : nanos % 1_000 == 0 ? nanos / 1_000 + "µs" : nanos + "ns";
        }
        String seconds = d.toSecondsPart() + (nanos == 0 ? "" : "." + String.format("%09d", nanos).replaceAll("0+$", ""));
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds + "s";
        }
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }
}
