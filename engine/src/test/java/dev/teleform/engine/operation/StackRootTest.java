package dev.teleform.engine.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command run inside a stack finds the stack's directory upwards, as git finds its repository. */
class StackRootTest {

    private static final String STACK = "# settings\nkind: stack\nversion: v1\nmetadata: {name: fleet}\n";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private Path repository() throws IOException {
        return Files.createDirectories(dir.resolve("repo/.git")).getParent();
    }

    @Test
    void aStackDirectoryIsItsOwnRoot() throws IOException {
        repository();
        file("repo/fleet/stack.yaml", STACK);
        assertEquals(Either.right(dir.resolve("repo/fleet")), StackRoot.find(dir.resolve("repo/fleet")));
    }

    @Test
    void fromASubdirectoryTheNearestStackAboveIsFound() throws IOException {
        repository();
        file("repo/fleet/stack.yaml", STACK);
        file("repo/fleet/teams/payments.yaml", "kind: role\nversion: v7\nmetadata: {name: pay}\n");
        Path deeper = Files.createDirectories(dir.resolve("repo/fleet/teams/old/empty"));
        assertEquals(Either.right(dir.resolve("repo/fleet")), StackRoot.find(dir.resolve("repo/fleet/teams")));
        assertEquals(Either.right(dir.resolve("repo/fleet")), StackRoot.find(deeper));
    }

    @Test
    void theStackDocumentIsFoundInAnyFileAndInAnyStyle() throws IOException {
        repository();
        file("repo/a/all.yml", "kind: role\n---\n\"kind\": 'stack'   # settings\nversion: v1\n");
        file("repo/b/x.yaml", "{kind: stack, version: v1, metadata: {name: b}}\n");
        file("repo/a/sub/x.yaml", "metadata:\n  labels:\n    kind: stackable\n");
        assertEquals(Either.right(dir.resolve("repo/a")), StackRoot.find(dir.resolve("repo/a/sub")));
        assertEquals(Either.right(dir.resolve("repo/b")), StackRoot.find(dir.resolve("repo/b")));
    }

    @Test
    void theSearchStopsAtTheRepositorysRoot() throws IOException {
        file("stack.yaml", STACK); // above the repository: someone else's
        Path inside = Files.createDirectories(repository().resolve("docs"));
        Either<Diagnostics, Path> found = StackRoot.find(inside);
        assertTrue(found.isLeft(), found.toString());
        assertEquals("no stack here: no \"kind: stack\" document in the *.yaml or *.yml files of " + inside
                + " or any directory above it up to " + dir.resolve("repo") + " (the root of its git repository). "
                + "A stack is a directory of YAML files, one of which holds its settings (kind: stack, version: v1, "
                + "metadata.name, spec.provider): name its directory (teleform plan examples/quickstart), or run "
                + "from inside it", message(found));
    }

    @Test
    void outsideARepositoryOnlyTheDirectoryItselfIsSearched() throws IOException {
        file("stack.yaml", STACK);
        Path below = Files.createDirectories(dir.resolve("below"));
        Either<Diagnostics, Path> found = StackRoot.find(below);
        assertTrue(found.isLeft(), found.toString());
        assertTrue(message(found).contains(below + " (outside a git repository only the directory itself is searched)"),
                message(found));
        assertEquals(Either.right(dir), StackRoot.find(dir));
    }

    @Test
    void aRepositorysRootWithYamlThatIsNoStacksIsInNoStack() throws IOException {
        repository();
        file("repo/action.yml", "name: Teleform\nruns: {using: composite}\n");
        file("repo/examples/quickstart/stack.yaml", STACK);
        Either<Diagnostics, Path> found = StackRoot.find(dir.resolve("repo"));
        assertTrue(found.isLeft(), found.toString());
        assertTrue(message(found).startsWith("no stack here: no \"kind: stack\" document in the *.yaml or *.yml files "
                + "of " + dir.resolve("repo") + " (the root of its git repository). "), message(found));
    }

    private static String message(Either<Diagnostics, Path> found) {
        assertEquals(1, found.getLeft().all().size(), found.getLeft().toString());
        return found.getLeft().all().getFirst().message();
    }

    @Test
    void aDirectoryWithADocumentOfAnUnknownKindIsNotSearchedAbove() throws IOException {
        repository();
        file("repo/fleet/stack.yaml", STACK);
        file("repo/fleet/sub/stack.yaml", "# a stack of its own\nkind: stak\nversion: v1\n---\n{kind: Deployment}\n");
        Either<Diagnostics, Path> found = StackRoot.find(dir.resolve("repo/fleet/sub"));
        assertTrue(found.isLeft(), found.toString());
        var problems = found.getLeft().all();
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(Diagnostic.error(dir.resolve("repo/fleet/sub") + " holds no \"kind: stack\" document, but "
                + "documents of a kind Teleform does not know (below): no stack above it was looked for, so that a "
                + "mistyped stack is not taken for a directory inside another. Correct the kind, or name the stack's "
                + "directory itself"), problems.get(0));
        assertEquals("repo/fleet/sub/stack.yaml:2:7: error: kind: unknown kind \"stak\"; did you mean \"stack\"? "
                + "(Teleform manages workload_cluster, role, user)", problems.get(1).format(dir));
        assertEquals("repo/fleet/sub/stack.yaml:5:8: error: kind: unknown kind \"Deployment\" (Teleform manages "
                + "workload_cluster, role, user)", problems.get(2).format(dir));
    }

    @Test
    void documentsWithoutAKindOrWithOnlyNestedOnesAreNoReasonToStop() throws IOException {
        repository();
        file("repo/fleet/stack.yaml", STACK);
        file("repo/fleet/data/tenants.yaml", "acme: {region: eu}\n");
        file("repo/fleet/data/role.yaml", "kind: role\nversion: v7\nmetadata: {name: k}\nspec:\n  allow:\n"
                + "    kubernetes_resources:\n    - kind: pod\n");
        file("repo/fleet/data/later.yaml", "kind: ${var:kind}\n");
        assertEquals(Either.right(dir.resolve("repo/fleet")), StackRoot.find(dir.resolve("repo/fleet/data")));
    }

    @Test
    void aDirectoryThatDoesNotExistIsLeftToTheLoader() {
        assertEquals(Either.right(dir.resolve("nope")), StackRoot.find(dir.resolve("nope")));
    }

    @Test
    void aRelativeDirectoryGivesARelativeRoot() throws IOException {
        Path here = Path.of("").toAbsolutePath();
        Path stack = Files.createDirectories(dir.resolve("repo/fleet/teams")).getParent();
        repository();
        file("repo/fleet/stack.yaml", STACK);
        Path relative = here.relativize(stack.resolve("teams"));
        assertEquals(Either.right(here.relativize(stack)), StackRoot.find(relative));
    }
}
