package dev.teleform.engine.operation;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.Failure;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateError;
import dev.teleform.engine.state.StateCodec;
import dev.teleform.engine.state.LockedStateStore;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.state.StateSurgery;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code teleform state}: what state holds (list, show, history), and the edits that call no Teleport
 * ({@code rm}, {@code mv}): under the stack's lock, read, edit, write as one commit; or, as a dry run,
 * only say what would change.
 */
public final class StateOperation {

    /** One write in the state's history. */
    public record Commit(String version, Instant time, String author, String message) {}

    /**
     * What an edit did, or would do in a dry run.
     *
     * @param touched       the addresses it removed or moved
     * @param renamed       where each touched address is held now (a move), or nothing (a removal)
     */
    public record Edited(List<Address> touched, Function<Address, Address> renamed) {}

    /**
     * Why {@link #pushUnpushed} failed for good (the command line exits 5): state was written since the kept
     * commit was made, or it is no write of this stack; a CI job drops such a commit instead of carrying it on.
     */
    public record NeverPushable(String message) implements Failure {}

    private StateOperation() {
    }

    public static Outcome<List<Address>> list(Workspace workspace) {
        return read(workspace).map(snapshot -> List.copyOf(snapshot.state().resources().keySet()));
    }

    /** The entry state holds for {@code address}, as the state file has it. */
    public static Outcome<String> show(Workspace workspace, Address address) {
        return read(workspace).flatMap(snapshot -> snapshot.state().get(address)
                .map(entry -> Outcome.done(CanonicalJson.write(StateCodec.entry(entry))))
                .orElseGet(() -> Outcome.failed("state holds no " + address)));
    }

    /** The state's commits, newest first. */
    public static Outcome<List<Commit>> history(Workspace workspace, int limit) {
        return read(workspace).flatMap(snapshot -> workspace.state().history(limit).fold(
                error -> Outcome.failed(error.message(), error),
                entries -> Outcome.done(entries.stream()
                        .map(e -> new Commit(e.version(), e.time(), e.author(), e.message())).toList())));
    }

    /** Stops managing {@code address} (and, for a workload cluster, what is managed inside it) without deleting it. */
    public static Outcome<Edited> remove(Workspace workspace, Address address, boolean dryRun) {
        Outcome<Edited> removed = edit(workspace, "state rm", dryRun, state -> StateSurgery.remove(state, address, workspace.hint()),
                edited -> "state rm " + address + "\n\nRemoved from state; Teleport was not changed:\n"
                        + list(edited.touched()), Function.identity());
        return dryRun ? removed : removed.flatMap(edited -> new Outcome.Done<>(edited, stillDeclared(workspace, edited)));
    }

    /** A warning for each removed address the stack still declares: the next plan adopts it again. */
    private static Diagnostics stillDeclared(Workspace workspace, Edited edited) {
        Set<Address> declared = workspace.stack().resources().stream().map(Resource::address).collect(Collectors.toSet());
        return Diagnostics.of(edited.touched().stream().filter(declared::contains).map(still -> Diagnostic.warning(
                still + " is still declared in the stack: the next plan adopts it again if Teleport's copy matches it, "
                        + "and is refused until '" + workspace.hint().teleform("import " + still) + "' otherwise. Remove it from the stack to "
                        + "stop managing it.")).toList());
    }

    /** Holds what state has at {@code from} at {@code to} (a workload cluster takes its contents along). */
    public static Outcome<Edited> move(Workspace workspace, Address from, Address to, boolean dryRun) {
        Function<Address, Address> renamed = old -> old.equals(from) ? to : Address.in(old.kind(), old.name(), to.name());
        return edit(workspace, "state mv", dryRun, state -> StateSurgery.move(state, from, to, workspace.hint()), edited ->
                "state mv " + from + " " + to + "\n\nMoved in state; Teleport was not changed:\n"
                        + edited.touched().stream().map(old -> old + " -> " + renamed.apply(old))
                                .collect(Collectors.joining("\n  ")), renamed);
    }

    private static Outcome<Edited> edit(Workspace workspace, String operation, boolean dryRun,
            Function<State, Either<String, StateSurgery.Edited>> surgery,
            Function<StateSurgery.Edited, String> commitMessage, Function<Address, Address> renamed) {
        if (dryRun) {
            return editLocked(workspace, workspace.state(), true, surgery, commitMessage, renamed);
        }
        return workspace.lock(operation).flatMap(lock -> {
            try (StateLock held = lock) {
                return editLocked(workspace, new LockedStateStore(workspace.state(), held), false, surgery,
                        commitMessage, renamed);
            }
        });
    }

    private static Outcome<Edited> editLocked(Workspace workspace, StateStore state, boolean dryRun,
            Function<State, Either<String, StateSurgery.Edited>> surgery,
            Function<StateSurgery.Edited, String> commitMessage, Function<Address, Address> renamed) {
        return read(workspace).flatMap(snapshot -> surgery.apply(snapshot.state()).fold(Outcome::<Edited>failed, edited -> {
            Edited result = new Edited(edited.touched(), renamed);
            if (dryRun) {
                return Outcome.done(result);
            }
            return state.write(edited.next(), snapshot.version(), commitMessage.apply(edited)).fold(
                    error -> Outcome.failed(error.message() + "; nothing was changed", error),
                    version -> Outcome.done(result));
        }));
    }

    /**
     * Pushes the state commit an earlier run kept locally because its push failed, under the stack's lock; what
     * it found, in words for the person who ran it: nothing pending, a commit the remote already had, or one now
     * pushed.
     */
    public static Outcome<String> pushUnpushed(Workspace workspace) {
        if (!(workspace.state() instanceof GitStateStore git)) {
            return Outcome.failed("this stack's state is not kept in git: there is nothing to push");
        }
        return workspace.lock("state push").flatMap(lock -> {
            try (StateLock held = lock) {
                return git.pushUnpushed(workspace.hint()).fold(error -> Outcome.failed(error.message(),
                        error instanceof StateError.Unpushable ? new NeverPushable(error.message()) : error),
                        found -> Outcome.done(switch (found) {
                            case NONE -> "No unpushed state: nothing to push.";
                            case ALREADY_THERE -> "The unpushed state is in the state remote already: nothing to push.";
                            case PUSHED -> "Pushed the state an earlier run could not push.";
                        }));
            }
        });
    }

    private static Outcome<StateStore.Snapshot> read(Workspace workspace) {
        return workspace.state().read().fold(error -> Outcome.failed(error.message(), error), Outcome::done);
    }

    private static String list(List<Address> addresses) {
        return addresses.stream().map(Address::toString).collect(Collectors.joining("\n  "));
    }
}
