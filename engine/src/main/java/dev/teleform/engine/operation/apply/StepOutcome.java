package dev.teleform.engine.operation.apply;

import dev.teleform.engine.diag.Failure;

/**
 * How one step of an apply ended. The walker turns it into an event and into the run's result; whether
 * the steps that depend on it may run is {@link #completed()}. Switch over it without a {@code default}.
 */
sealed interface StepOutcome {

    /** The step did its work: it counts in the result under its verb. */
    record Done() implements StepOutcome {}

    /**
     * The step ended without doing its work, and nothing is lost (an invite left pending, an invite no longer
     * needed): what depends on it runs, yet it does not count as done and {@code why} is reported instead.
     */
    record Deferred(String why) implements StepOutcome {}

    /** The step failed: a provider call ({@link dev.teleform.engine.provider.ProviderError}) or Teleform refused. */
    record Failed(Failure failure) implements StepOutcome {}

    /** The step was not started, {@code because} of what is said (what it depends on did not finish, a cancel). */
    record Skipped(String because) implements StepOutcome {}

    static StepOutcome done() {
        return new Done();
    }

    static StepOutcome deferred(String why) {
        return new Deferred(why);
    }

    static StepOutcome failed(Failure failure) {
        return new Failed(failure);
    }

    static StepOutcome skipped(String because) {
        return new Skipped(because);
    }

    /** Whether the steps that depend on this one may run. */
    default boolean completed() {
        return switch (this) {
            case Done done -> true;
            case Deferred deferred -> true;
            case Failed failed -> false;
            case Skipped skipped -> false;
        };
    }
}
