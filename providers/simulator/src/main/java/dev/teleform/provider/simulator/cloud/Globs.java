package dev.teleform.provider.simulator.cloud;

import java.util.regex.Pattern;

/** Teleport's simple wildcard matching of ARNs in IAM join rules: {@code *} matches any run of characters. */
final class Globs {

    private Globs() {
    }

    static boolean matches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.matches(regex.toString(), value);
    }
}
