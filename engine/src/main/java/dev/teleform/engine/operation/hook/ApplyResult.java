package dev.teleform.engine.operation.hook;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.Failure;
import dev.teleform.engine.state.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an apply ended.
 *
 * @param done       finished steps by verb
 * @param failures   one error per failed step ({@code STEP: reason}, with what failed), and for a run that stopped
 * @param skipped    steps not run because something they needed failed
 * @param state      state as written at the end
 * @param stateError why the last state write failed, if it did
 * @param interrupted  the run was cancelled (Ctrl-C) before it finished
 * @param unsaved    when the last state write failed: the resources whose outcome in this run state lacks
 * @param pendingInvites users whose invite stays pending because there was nowhere to deliver it
 * @param warnings   what went wrong without changing any outcome (progress output, closing credentials), and each
 *                   invite link that was issued but not delivered (its invite stays pending)
 */
public record ApplyResult(Map<String, Integer> done, Diagnostics failures, int skipped, State state,
        Optional<Failure> stateError, int checkpoints, boolean interrupted, List<Address> unsaved,
        List<Address> pendingInvites, Diagnostics warnings) {

    public ApplyResult {
        unsaved = List.copyOf(unsaved);
        pendingInvites = List.copyOf(pendingInvites);
    }

    public boolean succeeded() {
        return failures.all().isEmpty() && skipped == 0 && stateError.isEmpty() && !interrupted;
    }

    /** This result with a warning for each of {@code more} (what the provider warned of during the run). */
    public ApplyResult withWarnings(List<String> more) {
        return more.isEmpty() ? this : new ApplyResult(done, failures, skipped, state, stateError, checkpoints,
                interrupted, unsaved, pendingInvites,
                warnings.plus(Diagnostics.of(more.stream().map(Diagnostic::warning).toList())));
    }

    /** The failures' messages, one per line as a log shows them. */
    public List<String> failureMessages() {
        return failures.all().stream().map(Diagnostic::message).toList();
    }

    /** {@code 4 created, 1 invited}: what changed, in the words of the commit message and the summary. */
    public String changes() {
        return describe(done);
    }

    /** {@code 2 created, 1 updated}, for summaries and commit messages. */
    public static String describe(Map<String, Integer> done) {
        List<String> parts = new java.util.ArrayList<>();
        for (String verb : List.of("create", "adopt", "update", "replace", "delete", "forget", "invite")) {
            int n = done.getOrDefault(verb, 0);
            if (n > 0) {
                parts.add(n + " " + switch (verb) {
                    case "create" -> "created";
                    case "adopt" -> "adopted";
                    case "update" -> "updated";
                    case "replace" -> "replaced";
                    case "delete" -> "deleted";
                    case "forget" -> "forgotten";
                    default -> "invited";
                });
            }
        }
        return parts.isEmpty() ? "nothing changed" : String.join(", ", parts);
    }
}
