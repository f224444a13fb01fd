package dev.teleform.engine.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** A lock another run left, written straight into a state repository as Teleform writes its lock commits. */
public final class PlantedLocks {

    private PlantedLocks() {
    }

    /** Makes {@code holder} (the JSON a lock commit carries) hold the lock of {@code stack} in {@code gitDir}. */
    public static void plant(Path gitDir, String stack, String holder) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build();
                ObjectInserter inserter = repository.newObjectInserter()) {
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(new TreeFormatter()));
            PersonIdent ident = new PersonIdent("x", "x@x");
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("teleform lock: apply\n\n" + holder + "\n");
            var id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef("refs/teleform/locks/" + stack);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            update.update();
        }
    }
}
