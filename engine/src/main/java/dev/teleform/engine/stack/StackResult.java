package dev.teleform.engine.stack;

import dev.teleform.engine.diag.Diagnostics;

/** What reading a stack gives: a valid stack (perhaps with warnings) or the errors that stop it. */
public sealed interface StackResult {

    Diagnostics diagnostics();

    /** The stack is usable; {@code diagnostics} holds warnings only. */
    record Valid(Stack stack, Diagnostics diagnostics) implements StackResult {}

    /** At least one error; every problem found is in {@code diagnostics}. */
    record Invalid(Diagnostics diagnostics) implements StackResult {}
}
