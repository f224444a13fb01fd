package dev.teleform.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's runnable blocks: fenced blocks holding a {@code $ ./teleform ...} (or {@code $ teleform ...}) command
 * line, each command with the output the README shows under it. What {@link ReadmeIT} runs, read from Markdown.
 */
final class ReadmeBlocks {

    /**
     * One {@code $} line (with its {@code \}-continued lines) and the output lines shown under it, from README line
     * {@code outputLine}, without the {@code indent} of a fence inside a list item.
     */
    record Command(int line, String text, int outputLine, List<String> output, String indent) {
    }

    /** A fenced block: its opening line, why it is skipped (empty: it runs) and its commands in order. */
    record Block(int line, Optional<String> skip, List<Command> commands) {
    }

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*([\\w-]*)\\s*$");
    private static final Pattern SKIP = Pattern.compile("^\\s*<!--\\s*readme-test:\\s*skip\\s+(\\S.*?)\\s*-->\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*readme-test:");
    private static final Pattern TELEFORM = Pattern.compile("(^|[\\s;&|(])(\\./)?teleform(\\s|$)");

    private ReadmeBlocks() {
    }

    /** The blocks of {@code markdown} that show a {@code teleform} command with {@code $}, in the README's order. */
    static List<Block> parse(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                checkMarker(lines.get(i), i);
                continue;
            }
            String indent = open.group(1);
            String fence = open.group(2);
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).strip().equals(fence); i++) {
                String line = lines.get(i);
                body.add(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading());
            }
            List<Command> commands = commands(body, start + 2, indent);
            if (commands.stream().anyMatch(c -> TELEFORM.matcher(c.text()).find())) {
                blocks.add(new Block(start + 1, skipReason(lines, start), commands));
            } else if (skipReason(lines, start).isPresent()) {
                throw new IllegalArgumentException("README.md:" + (start + 1)
                        + ": a readme-test skip marker on a block that shows no $ teleform command");
            }
        }
        return List.copyOf(blocks);
    }

    /** The commands of a block's {@code body}, whose first line is README line {@code firstLine}. */
    private static List<Command> commands(List<String> body, int firstLine, String indent) {
        List<Command> commands = new ArrayList<>();
        int i = 0;
        while (i < body.size() && !body.get(i).startsWith("$ ")) {
            i++;
        }
        while (i < body.size()) {
            int line = firstLine + i;
            StringBuilder text = new StringBuilder(body.get(i).substring(2));
            while (text.toString().endsWith("\\") && i + 1 < body.size()) {
                text.append('\n').append(body.get(++i));
            }
            i++;
            int outputLine = firstLine + i;
            List<String> output = new ArrayList<>();
            for (; i < body.size() && !body.get(i).startsWith("$ "); i++) {
                output.add(body.get(i));
            }
            commands.add(new Command(line, text.toString(), outputLine, List.copyOf(output), indent));
        }
        return commands;
    }

    /** The reason of a skip marker on the last non-blank line before the fence at {@code fence}, if there is one. */
    private static Optional<String> skipReason(List<String> lines, int fence) {
        int i = fence - 1;
        while (i >= 0 && lines.get(i).isBlank()) {
            i--;
        }
        if (i < 0) {
            return Optional.empty();
        }
        Matcher skip = SKIP.matcher(lines.get(i));
        return skip.matches() ? Optional.of(skip.group(1)) : Optional.empty();
    }

    /** A marker the test would not understand is a mistake, not a comment to pass over. */
    private static void checkMarker(String line, int index) {
        if (MARKER.matcher(line).find() && !SKIP.matcher(line).matches()) {
            throw new IllegalArgumentException("README.md:" + (index + 1) + ": not a readme-test marker this test knows"
                    + " (only <!-- readme-test: skip REASON -->, on the line before a fence): " + line.strip());
        }
    }
}
