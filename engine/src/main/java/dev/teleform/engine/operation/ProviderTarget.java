package dev.teleform.engine.operation;

import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.stack.Stack;
import java.nio.charset.StandardCharsets;

/**
 * Which Teleport a plan is for, as a plan file records it and apply checks it: the parent's proxy, or the
 * simulator's directory as the stack names it (so that the file travels between checkouts). A target that holds a
 * sensitive value is recorded by its SHA-256 only: a plan file is shared for review, and apply need only tell
 * whether it is the same.
 */
final class ProviderTarget {

    private static final String HASHED = "sha256:";

    private ProviderTarget() {
    }

    /** {@code workspace}'s target, in the form a plan file keeps. */
    static String of(Workspace workspace) {
        Stack stack = workspace.stack();
        var config = workspace.providerConfig();
        String target = "teleport".equals(stack.settings().provider()) ? config.parentProxy().orElse("")
                : SourcePosition.displayPath(config.simulator().dataDir(), stack.dir());
        return stack.redaction().apply(target).equals(target) ? target
                : HASHED + Sha256Hex.of(target.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Why a plan file made for {@code recorded} may not be applied where {@code workspace} points now, if it may not.
     */
    static java.util.Optional<String> moved(String recorded, Workspace workspace) {
        String now = of(workspace);
        if (now.equals(recorded)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the stack points at another Teleport than the plan was made for ("
                + (now.startsWith(HASHED) && recorded.startsWith(HASHED) ? "its sensitive value differs"
                        : shown(recorded) + ", now " + shown(now)) + ")");
    }

    private static String shown(String recorded) {
        return recorded.startsWith(HASHED) ? Redaction.PLACEHOLDER : recorded.isEmpty() ? "none" : recorded;
    }
}
