package dev.teleform.provider.teleport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tool's stderr taken apart (TELEPORT.md §6), so that only the error decides what kind of failure a
 * run was. tbot logs timestamped lines on every run and ends a failure with an {@code ERROR: } block;
 * tctl prints cluster alerts after a command, failed or not, each on a line of its own wholly in colour,
 * whereas an error colours only its {@code ERROR: } prefix. So the text is read with its colour codes.
 *
 * @param log    lines before the error block, colour codes gone (tbot's log); every line but the alerts
 *               when there is no error block
 * @param alerts cluster alerts, their text only
 * @param error  the last block that starts with {@code ERROR:}, to the end; empty if there is none
 */
record ToolStderr(List<String> log, List<String> alerts, List<String> error) {

    /** A line wholly in red or yellow: how tctl prints an alert (Teleport's {@code utils.FormatAlert}). */
    private static final Pattern ALERT = Pattern.compile("\u001B\\[3[13]m([^\u001B]+)\u001B\\[0m");
    private static final Pattern COLOUR = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    ToolStderr {
        log = List.copyOf(log);
        alerts = List.copyOf(alerts);
        error = List.copyOf(error);
    }

    static ToolStderr of(String raw) {
        List<String> lines = raw.lines().toList();
        int errorStart = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (plain(lines.get(i)).startsWith("ERROR:")) {
                errorStart = i;
            }
        }
        List<String> log = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        List<String> error = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Matcher alert = ALERT.matcher(line);
            if (alert.matches() && !alert.group(1).startsWith("ERROR:")) {
                alerts.add(alert.group(1).strip());
            } else if (!plain(line).isEmpty()) {
                (errorStart >= 0 && i >= errorStart ? error : log).add(plain(line));
            }
        }
        return new ToolStderr(log, alerts, error);
    }

    /** The last {@code count} log lines, the ones nearest the error. */
    List<String> lastLog(int count) {
        return log.subList(Math.max(0, log.size() - count), log.size());
    }

    private static String plain(String line) {
        return COLOUR.matcher(line).replaceAll("").strip();
    }
}
