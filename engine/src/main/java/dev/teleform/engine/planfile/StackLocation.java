package dev.teleform.engine.planfile;

import java.util.Locale;

/**
 * Where a plan file says its stack directory is: a path relative to a base that the machine applying it finds
 * again, so that a plan made in one checkout applies in another (CI runners give every run its own directory).
 *
 * @param path with {@code /} between names; {@code .} for the base itself
 */
public record StackLocation(Base base, String path) {

    /** What {@link #path} is relative to. */
    public enum Base {
        /** The root of the git repository the stack is in (found again from the directory apply runs in). */
        REPOSITORY,
        /** The directory the command ran in, for a stack outside any git repository. */
        WORKING_DIRECTORY,
        /** Nothing: an absolute path, as plan files made before this were written. */
        ABSOLUTE;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Base ofJson(String text) {
            for (Base base : values()) {
                if (base.json().equals(text)) {
                    return base;
                }
            }
            throw new IllegalArgumentException("unknown stack directory base \"" + text + "\"");
        }
    }

    public StackLocation {
        path = path.isEmpty() ? "." : path;
    }
}
