package dev.teleform.engine.stack;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code cluster:} entry that names workload clusters by pattern: {@code *} matches any run of
 * characters (none included), {@code ?} exactly one, anything else itself. No character classes:
 * cluster names are DNS labels, and {@code [} would need quoting in YAML anyway. Only the stack's
 * workload clusters are matched, never the parent cluster.
 */
record ClusterGlob(String text, Pattern pattern) {

    /** Whether a {@code cluster:} entry is a pattern rather than one cluster's name. */
    static boolean isGlob(String entry) {
        return entry.indexOf('*') >= 0 || entry.indexOf('?') >= 0;
    }

    static ClusterGlob of(String text) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return new ClusterGlob(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String cluster) {
        return pattern.matcher(cluster).matches();
    }

    /** The clusters among {@code clusters} it matches, in their order. */
    List<String> matching(Collection<String> clusters) {
        return clusters.stream().filter(this::matches).toList();
    }
}
