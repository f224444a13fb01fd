package dev.teleform.engine.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.planfile.StackLocation;
import dev.teleform.engine.planfile.StackLocation.Base;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan file names its stack so that another checkout, somewhere else, finds it again. */
class StackLocationsTest {

    @TempDir
    Path dir;

    @Test
    void aStackInARepositoryIsNamedFromTheRepositoryRootWhereverThePlanIsMade() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("runner-1/checkout"));
        Files.createDirectory(repo.resolve(".git"));
        Path stack = Files.createDirectories(repo.resolve("teams/platform"));
        StackLocation fromRoot = StackLocations.of(stack, repo);
        StackLocation fromElsewhere = StackLocations.of(repo.resolve("teams/../teams/platform"), dir);
        assertEquals(new StackLocation(Base.REPOSITORY, "teams/platform"), fromRoot);
        assertEquals(fromRoot, fromElsewhere);
        assertEquals(new StackLocation(Base.REPOSITORY, "."), StackLocations.of(repo, repo));
    }

    @Test
    void anotherCheckoutFindsItFromAnyDirectoryInsideIt() throws IOException {
        Path other = Files.createDirectories(dir.resolve("runner-2/work/checkout"));
        // a worktree or submodule has a .git file, not a directory
        Files.writeString(other.resolve(".git"), "gitdir: /elsewhere\n");
        Path inside = Files.createDirectories(other.resolve("teams"));
        StackLocation saved = new StackLocation(Base.REPOSITORY, "teams/platform");
        assertEquals(other.resolve("teams/platform"), StackLocations.locate(saved, other).get());
        assertEquals(other.resolve("teams/platform"), StackLocations.locate(saved, inside).get());
    }

    @Test
    void aStackInASubmoduleIsNamedFromTheSubmoduleAndFoundFromInsideIt() throws IOException {
        Path superproject = Files.createDirectories(dir.resolve("super"));
        Files.createDirectory(superproject.resolve(".git"));
        Path submodule = Files.createDirectories(superproject.resolve("platform"));
        Files.writeString(submodule.resolve(".git"), "gitdir: ../.git/modules/platform\n");
        Path stack = Files.createDirectories(submodule.resolve("teams/a"));
        StackLocation saved = StackLocations.of(stack, superproject);
        assertEquals(new StackLocation(Base.REPOSITORY, "teams/a"), saved);
        assertEquals(stack, StackLocations.locate(saved, submodule).get());
        assertEquals(stack, StackLocations.locate(saved, submodule.resolve("teams")).get());
        Path nested = Files.createDirectories(submodule.resolve("vendor/tool"));
        Files.createDirectory(nested.resolve(".git"));
        assertEquals(stack, StackLocations.locate(saved, nested).get(), "a repository inside it is looked past");
    }

    @Test
    void outsideARepositoryThePlanNamesItFromTheWorkingDirectory() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path stack = Files.createDirectories(work.resolve("stack"));
        StackLocation saved = StackLocations.of(stack, work);
        assertEquals(new StackLocation(Base.WORKING_DIRECTORY, "stack"), saved);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        assertEquals(elsewhere.resolve("stack"), StackLocations.locate(saved, elsewhere).get());
    }

    @Test
    void aRepositoryPlanAppliedOutsideAnyRepositorySaysWhereToRunIt() throws IOException {
        Path work = Files.createDirectories(dir.resolve("no-repository"));
        String why = StackLocations.locate(new StackLocation(Base.REPOSITORY, "teams/platform"), work).getLeft();
        assertTrue(why.contains("teams/platform") && why.contains("run apply from inside a checkout"), why);
    }

    @Test
    void anOlderPlanFileKeepsItsAbsolutePath() {
        assertEquals(Path.of("/srv/stack"), StackLocations.locate(new StackLocation(Base.ABSOLUTE, "/srv/stack"), dir)
                .get());
    }
}
