package dev.teleform.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The README's output under one command against what the command printed: equal after both sides are normalised
 * (volatile parts replaced by a placeholder), where a README line {@code ...} stands for any lines, none included.
 * Gives a unified diff of the raw lines, and the README lines that would have matched.
 */
final class ReadmeOutput {

    /** What differs run to run, and what stands for it on both sides. */
    private record Volatile(Pattern pattern, String placeholder) {
    }

    private static final List<Volatile> VOLATILE = List.of(
            // times and dates: lock holders, invite expiries, state history
            new Volatile(Pattern.compile(
                    "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?"), "<time>"),
            new Volatile(Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b"), "<date>"),
            // revisions and ids (UUIDs), then commit and lock ids: hex words holding a digit and a letter
            new Volatile(Pattern.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b"),
                    "<uuid>"),
            new Volatile(Pattern.compile("\\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{7,64}\\b"), "<id>"),
            // durations of steps and waits: "created (0.1s)", "waiting for active (creating, 2s)", "active (6.0s)"
            new Volatile(Pattern.compile("\\((\\d+(\\.\\d+)?(ms|s))\\)"), "(<duration>)"),
            new Volatile(Pattern.compile(", \\d+(\\.\\d+)?(ms|s)\\)"), ", <duration>)"),
            // how many checkpoints an apply made depends on how long its steps took
            new Volatile(Pattern.compile("State saved \\(\\d+ commits?\\)"), "State saved (<n> commits)"),
            // secrets made fresh each run
            new Volatile(Pattern.compile("/web/(invite|reset)/[A-Za-z0-9_-]+"), "/web/$1/<token>"));

    private ReadmeOutput() {
    }

    /** {@code line} with every volatile part replaced and trailing spaces dropped. */
    static String normalise(String line) {
        String text = line.stripTrailing();
        for (Volatile v : VOLATILE) {
            text = v.pattern().matcher(text).replaceAll(v.placeholder());
        }
        return text;
    }

    static boolean isElision(String line) {
        return line.strip().equals("...");
    }

    /** One line of the alignment: the README's line, the output's, or both. */
    private record Step(char kind, String readme, String actual) {
        // kind: ' ' equal, '-' only in the README, '+' only in the output, '.' output elided by a README "..."
    }

    /** The alignment of README lines {@code expected} with output lines {@code actual} that differs least. */
    private static List<Step> align(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] cost = new int[n + 1][m + 1];
        for (int i = n; i >= 0; i--) {
            for (int j = m; j >= 0; j--) {
                if (i == n) {
                    cost[i][j] = m - j;
                } else if (isElision(expected.get(i))) {
                    cost[i][j] = j == m ? cost[i + 1][j] : Math.min(cost[i + 1][j], cost[i][j + 1]);
                } else if (j == m) {
                    cost[i][j] = 1 + cost[i + 1][j];
                } else {
                    int best = 1 + Math.min(cost[i + 1][j], cost[i][j + 1]);
                    if (normalise(expected.get(i)).equals(normalise(actual.get(j)))) {
                        best = Math.min(best, cost[i + 1][j + 1]);
                    }
                    cost[i][j] = best;
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && isElision(expected.get(i))) {
                steps.add(new Step(' ', expected.get(i), null));
                // the elision ends as soon as that costs nothing more: the lines after it then line up in the diff
                while (j < m && cost[i][j] != cost[i + 1][j]) {
                    steps.add(new Step('.', null, actual.get(j++)));
                }
                i++;
            } else if (i < n && j < m && cost[i][j] == cost[i + 1][j + 1]
                    && normalise(expected.get(i)).equals(normalise(actual.get(j)))) {
                steps.add(new Step(' ', expected.get(i++), actual.get(j++)));
            } else if (i < n && cost[i][j] == 1 + cost[i + 1][j]) {
                steps.add(new Step('-', expected.get(i++), null));
            } else {
                steps.add(new Step('+', null, actual.get(j++)));
            }
        }
        return steps;
    }

    /** Whether {@code actual} is what the README shows as {@code expected}. */
    static boolean matches(List<String> expected, List<String> actual) {
        return align(trim(expected), trim(actual)).stream().allMatch(s -> s.kind() == ' ' || s.kind() == '.');
    }

    /**
     * A unified diff from the README's lines (numbered from {@code readmeLine}) to the output's, three lines of
     * context. Output lines a README {@code ...} stood for are shown, with a leading {@code .}, inside a hunk only
     * (the last three of them): what a {@code ...} took is often what the README line after it missed.
     */
    static String diff(List<String> expected, int readmeLine, List<String> actual) {
        // each step with the README line and output line it stands at
        record Numbered(Step step, int readme, int output) {
        }
        List<Numbered> all = new ArrayList<>();
        int readme = readmeLine;
        int output = 1;
        for (Step step : align(trim(expected), trim(actual))) {
            all.add(new Numbered(step, readme, output));
            readme += step.readme() != null ? 1 : 0;
            output += step.actual() != null ? 1 : 0;
        }
        List<Numbered> kept = all.stream().filter(s -> s.step().kind() != '.').toList();
        List<Boolean> inHunk = new ArrayList<>();
        for (int k = 0; k < kept.size(); k++) {
            boolean near = false;
            for (int d = Math.max(0, k - 3); d <= Math.min(kept.size() - 1, k + 3) && !near; d++) {
                near = kept.get(d).step().kind() != ' ';
            }
            inHunk.add(near);
        }
        StringBuilder out = new StringBuilder("--- README.md\n+++ output\n");
        List<Numbered> elided = new ArrayList<>();
        int k = -1;
        for (Numbered line : all) {
            if (line.step().kind() == '.') {
                elided.add(line);
                continue;
            }
            k++;
            boolean shown = inHunk.get(k);
            boolean continues = shown && k > 0 && inHunk.get(k - 1);
            if (shown && !continues) {
                out.append("@@ README.md:").append(line.readme()).append(", output line ").append(line.output())
                        .append(" @@\n");
            }
            if (continues && !elided.isEmpty()) {
                if (elided.size() > 3) {
                    out.append(".(").append(elided.size() - 3).append(" more lines)\n");
                }
                for (Numbered e : elided.subList(Math.max(0, elided.size() - 3), elided.size())) {
                    out.append('.').append(e.step().actual()).append('\n');
                }
            }
            elided.clear();
            if (shown) {
                Step step = line.step();
                out.append(step.kind()).append(step.readme() != null ? step.readme() : step.actual()).append('\n');
            }
        }
        return out.toString();
    }

    /** The README lines that would match {@code actual}: its own where they match, its {@code ...}s kept. */
    static List<String> corrected(List<String> expected, List<String> actual) {
        List<String> lines = new ArrayList<>();
        for (Step step : align(trim(expected), trim(actual))) {
            switch (step.kind()) {
                case ' ' -> lines.add(step.readme());
                case '+' -> lines.add(step.actual());
                default -> {
                    // '-': the output does not have it; '.': a README "..." stands for it
                }
            }
        }
        if (expected.size() > trim(expected).size()) {
            lines.addAll(expected.subList(trim(expected).size(), expected.size()));
        }
        return lines;
    }

    /** Without trailing blank lines, which separate commands in the README and end most outputs. */
    private static List<String> trim(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return lines.subList(0, end);
    }
}
