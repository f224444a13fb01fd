package dev.teleform.engine.state;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Opens the state repository, creating it bare on first use. Creation is atomic: the repository is
 * initialised beside its place and renamed into it, so two first writers (or lock takers) racing
 * never see a half-made repository; the loser simply uses the winner's.
 */
final class StateRepositories {

    private StateRepositories() {
    }

    static boolean exists(Path repo) {
        return Files.exists(repo.resolve("HEAD"));
    }

    static Repository open(Path repo) throws IOException {
        return new FileRepositoryBuilder().setGitDir(repo.toFile()).setMustExist(true).build();
    }

    static Repository openOrCreate(Path repo, String branch) throws IOException {
        if (!exists(repo)) {
            create(repo, branch);
        }
        return open(repo);
    }

    private static void create(Path repo, String branch) throws IOException {
        Path parent = repo.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + repo.getFileName() + ".init-");
        try {
            try (Git git = Git.init().setBare(true).setDirectory(staging.toFile()).setInitialBranch(branch).call()) {
                // JGit may tidy a repository after a fetch; in the background it would outlive a short command
                // (and write while a test removes the directory), so it runs inline.
                var config = git.getRepository().getConfig();
                config.setBoolean("gc", null, "autoDetach", false);
                config.save();
            }
            try {
                Files.move(staging, repo, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                if (!exists(repo)) {
                    throw e;
                }
            } catch (IOException e) {
                if (!exists(repo)) {
                    throw e;
                }
            }
        } catch (GitAPIException e) {
            throw new IOException("cannot create " + repo + ": " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
