package dev.teleform.engine.diag;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The values of a stack's sensitive variables, which no message may show: Teleform's own messages
 * quote values (a role name that is not declared, a join method), and so can Teleport's errors. Each
 * occurrence becomes {@link #PLACEHOLDER}, however short the value, since a message garbled by a
 * one-letter secret is still safe and a shown secret is not.
 *
 * @param secrets the values, longest first, so a value that contains another is hidden whole
 */
public record Redaction(List<String> secrets) {

    /** What is shown wherever a sensitive value would be. */
    public static final String PLACEHOLDER = "(sensitive)";
    public static final Redaction NONE = new Redaction(List.of());

    public Redaction {
        secrets = secrets.stream().filter(secret -> !secret.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    public static Redaction of(Set<String> secrets) {
        return new Redaction(List.copyOf(secrets));
    }

    public String apply(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, PLACEHOLDER);
        }
        return out;
    }

    /** The diagnostic with its message redacted; where it is, and what failed, stay. */
    public Diagnostic apply(Diagnostic diagnostic) {
        return new Diagnostic(diagnostic.severity(), diagnostic.source(), diagnostic.field(),
                apply(diagnostic.message()), diagnostic.failure());
    }
}
