package dev.teleform.engine.provider;

import java.util.Locale;

/** Teleport RBAC verbs that Teleform's operations need. */
public enum Verb {
    LIST, READ, CREATE, UPDATE, DELETE;

    /** The verb as Teleport writes it in role rules ({@code "delete"}). */
    public String teleportName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
