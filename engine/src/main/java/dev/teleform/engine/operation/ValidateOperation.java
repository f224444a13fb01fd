package dev.teleform.engine.operation;

import dev.teleform.engine.stack.StackResult;

/** {@code teleform validate}: reads a stack and checks it against the schemas and Teleform's rules; contacts nothing. */
public final class ValidateOperation {

    /**
     * A valid stack, as a summary line names it.
     *
     * @param summary what it declares: {@code 1 workload cluster, 2 roles, 1 user}
     */
    public record Valid(String name, String summary) {}

    private ValidateOperation() {
    }

    /** The valid stack with its warnings, or every problem with its place in the files. */
    public static Outcome<Valid> run(StackInput input) {
        return switch (input.read()) {
            case StackResult.Valid valid -> new Outcome.Done<>(new Valid(valid.stack().settings().name(),
                    valid.stack().summary()), valid.diagnostics());
            case StackResult.Invalid invalid -> Outcome.failed(invalid.diagnostics());
        };
    }
}
