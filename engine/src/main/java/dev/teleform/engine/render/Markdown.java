package dev.teleform.engine.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts text into markdown so that it stays where it is put. The plan's values, field names and
 * addresses come from stack files and from Teleport, and the markdown plan is a pull-request
 * comment: a value must not end the code span, table cell, list item or code block it sits in, nor
 * open HTML, or it could forge or hide part of the plan a reviewer approves.
 */
final class Markdown {

    private static final Pattern PROSE_SPECIAL = Pattern.compile("[\\\\`<&\\[\\]]");

    private Markdown() {
    }

    /**
     * {@code text} as an inline code span. Its fence is one backtick longer than the longest run of
     * backticks inside (CommonMark's rule), so nothing inside can close it; HTML inside a code span is
     * shown as text, so {@code <} needs no escape here (an {@code &lt;} would be shown as written).
     */
    static String code(String text) {
        String line = oneLine(text);
        String fence = "`".repeat(longestRun(line, '`') + 1);
        // CommonMark strips one space from each end when both have one: a pad keeps an end backtick
        // from joining the fence and keeps a value's own spaces.
        boolean pad = line.isEmpty() || line.startsWith("`") || line.endsWith("`")
                || (line.startsWith(" ") && line.endsWith(" ") && !line.isBlank());
        return pad ? fence + " " + line + " " + fence : fence + line + fence;
    }

    /**
     * {@code markdown} (code spans and fixed words) fit for a table cell. GitHub splits a row at every
     * {@code |} before it reads code spans, even inside them; {@code \|} is kept in the cell and shown
     * as {@code |}, in a code span too.
     */
    static String cell(String markdown) {
        return markdown.replace("|", "\\|");
    }

    /**
     * {@code text} as plain words on one line: no HTML or comment ({@code <}), no entity, link or code
     * span can start in it. Emphasis is left alone: at worst it makes words italic, and escaping every
     * {@code _} would clutter the field names that messages quote.
     */
    static String prose(String text) {
        return PROSE_SPECIAL.matcher(oneLine(text)).replaceAll(match -> Matcher.quoteReplacement("\\" + match.group()));
    }

    /**
     * {@code text} as a fenced code block. Its fence is longer than any run of backticks in the text,
     * so no line of it can close the block early; inside, everything is literal, {@code </details>} and
     * {@code <script>} included (GitHub shows them as text), so the text needs no other escape.
     */
    static String fenced(String info, String text) {
        String fence = "`".repeat(Math.max(3, longestRun(text, '`') + 1));
        return fence + info + "\n" + text + (text.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    /** A line break inside a list item or table row would end it: show it as {@code \n}, as JSON does. */
    private static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
