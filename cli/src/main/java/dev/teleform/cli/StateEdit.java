package dev.teleform.cli;

import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.state.StateSurgery;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.Optional;

/**
 * One edit of state that calls no Teleport ({@code state rm}, {@code state mv}): under the stack's lock,
 * read, edit, write as one commit; or, as a dry run, only say what would change.
 */
final class StateEdit {

    /** What one kind of edit does and says. */
    interface Edit {
        Either<String, StateSurgery.Edited> apply(State state);

        /** The commit message: its first line names the operation. */
        String commitMessage(StateSurgery.Edited edited);

        String wouldDo(StateSurgery.Edited edited);

        /** What to tell the user once the commit is made. */
        void done(StateSurgery.Edited edited, Workspace workspace, PrintWriter err);
    }

    private StateEdit() {}

    static int run(StackOptions stack, String operation, boolean dryRun, Edit edit, PrintWriter out, PrintWriter err) {
        Optional<Workspace> opened = Workspace.open(stack, out, err, InstantSource.system());
        if (opened.isEmpty()) {
            return TeleformCli.ERROR;
        }
        Workspace workspace = opened.get();
        if (dryRun) {
            return edit(workspace, true, edit, err);
        }
        Either<Integer, StateLock> lock = StackLock.take(workspace, operation, err);
        if (lock.isLeft()) {
            return lock.getLeft();
        }
        try (StateLock held = lock.get()) {
            return edit(workspace, false, edit, err);
        }
    }

    private static int edit(Workspace workspace, boolean dryRun, Edit edit, PrintWriter err) {
        var read = workspace.state().read();
        if (read.isLeft()) {
            err.println("teleform: " + read.getLeft().message());
            return TeleformCli.ERROR;
        }
        var edited = edit.apply(read.get().state());
        if (edited.isLeft()) {
            err.println("teleform: " + edited.getLeft());
            return TeleformCli.ERROR;
        }
        if (dryRun) {
            err.println(edit.wouldDo(edited.get()));
            return TeleformCli.OK;
        }
        var written = workspace.state().write(edited.get().next(), read.get().version(),
                edit.commitMessage(edited.get()));
        if (written.isLeft()) {
            err.println("teleform: " + written.getLeft().message() + "; nothing was changed");
            return TeleformCli.ERROR;
        }
        edit.done(edited.get(), workspace, err);
        return TeleformCli.OK;
    }
}
