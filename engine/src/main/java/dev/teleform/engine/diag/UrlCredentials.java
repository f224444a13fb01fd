package dev.teleform.engine.diag;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the credentials a URL may carry ({@code https://user:TOKEN@host/repo.git} becomes
 * {@code https://***@host/repo.git}) wherever a URL is printed: a state remote in an error, and JGit's
 * messages, which name the URL they failed on. Scheme, host and path stay, so the user still knows
 * which remote is meant. The scp-like form {@code git@host:path} names a user but never a secret
 * (git takes no password there), so it is left alone.
 */
public final class UrlCredentials {

    static final String MASK = "***";

    /**
     * A URL in running text: a scheme, then everything up to the last {@code @} before white space.
     * Reaching for the last {@code @} rather than the first {@code /} also covers a password that holds
     * an unescaped {@code @} or {@code /}; the price is that a path with an {@code @} is masked too.
     */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^\\s\"'<>]*@");

    private UrlCredentials() {
    }

    /**
     * {@code url} with its user-info, if any, replaced by {@code ***}. The whole string is one URL, so
     * even white space in it (which JGit accepts) cannot end the part that is masked.
     */
    public static String mask(String url) {
        int authority = url.indexOf("://");
        int at = url.lastIndexOf('@');
        return authority < 0 || at < authority ? url : url.substring(0, authority + 3) + MASK + url.substring(at);
    }

    /** {@code text} with the user-info of every URL in it replaced by {@code ***}; null stays null. */
    public static String scrub(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll(match ->
                Matcher.quoteReplacement(match.group(1) + MASK + "@"));
    }
}
