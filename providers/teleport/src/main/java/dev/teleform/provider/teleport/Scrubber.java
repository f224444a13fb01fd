package dev.teleform.provider.teleport;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes a tool's stderr fit for an error message: no colour codes, no secrets, not too long.
 * Secrets are the values it was told of (AWS keys from the environment), PEM blocks, the token of
 * any invite or reset link, values after words like {@code token=} or {@code password:}, and long
 * opaque strings such as keys and signed tokens. Names, addresses and ARNs stay readable.
 */
final class Scrubber {

    static final String REDACTED = "[redacted]";
    /**
     * An error for people; more than this is cut from the start, with a note of how much: the end is
     * kept, since tools print the cause last (tbot's error after its log, Teleport's innermost error
     * after the context it was wrapped in).
     */
    static final int CAP = 2000;

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]+-----.*?(-----END [A-Z0-9 ]+-----|\\z)", Pattern.DOTALL);
    private static final Pattern LINK_TOKEN = Pattern.compile("(/web/(?:invite|reset|newuser)/)[A-Za-z0-9_-]+");
    /**
     * A value after a secret's name; not after "reset password", Teleport's name for the reset flow, whose errors go on
     * with their cause ("failed to create user token for reset password: maximum token TTL is 24h0m0s hours").
     */
    private static final Pattern NAMED = Pattern.compile(
            "(?i)(?<!reset )\\b((?:[a-z_]*token|secret|password|passwd|private[_ ]key|signature|credentials?)\\b[\"']?\\s*[:=]\\s*[\"']?)"
                    + "[^\\s\"',;]{6,}");
    private static final Pattern HEX = Pattern.compile("\\b[0-9a-fA-F]{32,}\\b");
    /** Keys and signed tokens: long runs with letters and digits (paths, split by "/", stay). */
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9+_=-]{40,}");

    private final List<String> known;

    Scrubber(List<String> known) {
        this.known = List.copyOf(known);
    }

    String clean(String text) {
        String out = ANSI.matcher(text).replaceAll("");
        for (String secret : known) {
            out = out.replace(secret, REDACTED);
        }
        out = PEM.matcher(out).replaceAll(REDACTED);
        out = LINK_TOKEN.matcher(out).replaceAll("$1" + REDACTED);
        out = NAMED.matcher(out).replaceAll("$1" + REDACTED);
        out = HEX.matcher(out).replaceAll(REDACTED);
        out = OPAQUE.matcher(out).replaceAll(match -> match.group().chars().anyMatch(Character::isDigit)
                && match.group().chars().anyMatch(Character::isLetter) ? REDACTED : java.util.regex.Matcher.quoteReplacement(match.group()));
        out = out.strip();
        if (out.length() > CAP) {
            out = "(" + (out.length() - CAP) + " characters before) ... " + out.substring(out.length() - CAP);
        }
        return out;
    }
}
