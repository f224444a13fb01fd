package dev.teleform.engine.diag;

/**
 * A failure reported by something Teleform talks to (a Teleport cluster through its provider, the state
 * repository, the stack's lock), worded by the part that failed. It travels inside a {@link Diagnostic} to
 * the command line, which shows every problem in one place; a caller that must tell kinds apart (a lock
 * held by another run exits differently) matches on the implementing type.
 */
public interface Failure {

    String message();
}
