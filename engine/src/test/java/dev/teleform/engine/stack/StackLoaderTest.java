package dev.teleform.engine.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.source.LoadLimits;
import dev.teleform.engine.source.SourceDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLoaderTest {

    @TempDir
    Path dir;

    private StackLoader.LoadedDocuments load(LoadLimits limits) {
        return new StackLoader(new LoadOptions(Map.of(), name -> null, limits)).load(dir);
    }

    private static List<String> names(StackLoader.LoadedDocuments loaded) {
        return loaded.documents().stream().map(SourceDocument::start)
                .map(p -> p.file().getFileName().toString()).toList();
    }

    @Test
    void readsTopLevelYamlFilesInNameOrderButNotSubdirectoriesOrOtherFiles() {
        new StackFixture(dir).file("b.yml", "kind: b\n").file("a.yaml", "kind: a\n---\nkind: a2\n")
                .file("notes.txt", "x").file("sub/c.yaml", "kind: c\n");
        StackLoader.LoadedDocuments loaded = load(LoadLimits.DEFAULT);
        assertEquals(List.of("a.yaml", "a.yaml", "b.yml"), names(loaded));
        assertTrue(loaded.problems().isEmpty());
        assertTrue(loaded.complete());
    }

    @Test
    void includeGlobsAddFilesBelowTheStackButNeverHiddenDirectories() {
        new StackFixture(dir)
                .file("stack.yaml", "kind: stack\nspec:\n  include: ['**/*.yaml', 'stack.yaml']\n")
                .file("teams/pay/roles.yaml", "kind: role\n")
                .file(".teleform/sim/state.yaml", "kind: junk\n");
        assertEquals(List.of("stack.yaml", "roles.yaml"), names(load(LoadLimits.DEFAULT)));
    }

    @Test
    void explainsAnEmptyOrMissingDirectory() {
        StackLoader.LoadedDocuments empty = load(LoadLimits.DEFAULT);
        assertTrue(empty.problems().getFirst().message().startsWith("no *.yaml or *.yml files here"));
        assertFalse(empty.complete());
        var missing = new StackLoader(LoadOptions.defaults()).load(dir.resolve("nope"));
        assertEquals("stack directory does not exist", missing.problems().getFirst().message());
    }

    @Test
    void refusesMoreFilesThanTheLimit() {
        new StackFixture(dir).file("a.yaml", "kind: a\n").file("b.yaml", "kind: b\n").file("c.yaml", "kind: c\n");
        StackLoader.LoadedDocuments loaded = load(new LoadLimits(1000, 10, 10, 2));
        assertEquals(List.of("stack has 3 YAML files; at most 2 are read"),
                loaded.problems().stream().map(Diagnostic::message).toList());
        assertTrue(loaded.documents().isEmpty());
    }

    @Test
    void aFileThatCannotBeReadToItsEndMakesTheLoadIncomplete() {
        new StackFixture(dir).file("a.yaml", "kind: a\n---\nkind: [\n");
        assertFalse(load(LoadLimits.DEFAULT).complete());
    }
}
