package dev.teleform.engine.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {

    private static final Path FILE = Path.of("stack/roles.yaml");

    private static YamlTreeReader reader() {
        return new YamlTreeReader(FILE, LoadLimits.DEFAULT);
    }

    private static String at(SourcePosition position) {
        return position.line() + ":" + position.column();
    }

    @Test
    void recordsLineAndColumnOfEveryKeyAndValue() {
        List<SourceDocument> docs = reader().read("""
                kind: role
                metadata:
                  name: dev
                spec:
                  allow:
                    logins: [root, ubuntu]
                """);
        SourceDocument doc = docs.getFirst();
        assertEquals("1:7", at(doc.at("/kind")));
        assertEquals("3:9", at(doc.at("/metadata/name")));
        assertEquals("3:3", at(doc.keyAt("/metadata/name")));
        assertEquals("6:20", at(doc.at("/spec/allow/logins/1")));
        assertEquals(FILE, doc.at("/kind").file());
    }

    @Test
    void missingFieldPointsAtNearestAncestor() {
        SourceDocument doc = reader().read("kind: role\nspec:\n  allow: {}\n").getFirst();
        assertEquals("3:10", at(doc.at("/spec/allow/logins/0")));
    }

    @Test
    void readsEveryDocumentAndSkipsEmptyOnes() {
        YamlTreeReader reader = reader();
        List<SourceDocument> docs = reader.read("---\nkind: a\n---\n---\nkind: b\n...\n");
        assertEquals(List.of("a", "b"), docs.stream().map(d -> d.text("kind")).toList());
        assertEquals(5, docs.get(1).start().line());
        assertTrue(reader.problems().isEmpty());
    }

    @Test
    void reportsEveryDuplicateKeyAndKeepsTheFirstValue() {
        YamlTreeReader reader = reader();
        SourceDocument doc = reader.read("a: 1\nb: 2\na: 3\nb: 4\n").getFirst();
        assertEquals(1, doc.root().get("a").asInt());
        List<String> messages = reader.problems().stream().map(Diagnostic::message).toList();
        assertEquals(List.of("duplicate key \"a\" (first set at line 1)", "duplicate key \"b\" (first set at line 2)"),
                messages);
        assertTrue(reader.complete());
    }

    @Test
    void expandsAliasesWithTheAnchorsPositions() {
        SourceDocument doc = reader().read("""
                allow: &base
                  logins: [ubuntu]
                deny: *base
                """).getFirst();
        assertEquals("ubuntu", doc.root().at("/deny/logins/0").asString());
        assertEquals("2:12", at(doc.at("/deny/logins/0")));
        assertEquals("3:7", at(doc.at("/deny")));
    }

    @Test
    void mergeKeysAddOnlyTheFieldsNotSetExplicitly() {
        SourceDocument doc = reader().read("""
                base: &b {logins: [a], node_labels: {env: dev}}
                role:
                  <<: *b
                  logins: [root]
                """).getFirst();
        assertEquals("root", doc.root().at("/role/logins/0").asString());
        assertEquals("dev", doc.root().at("/role/node_labels/env").asString());
        assertFalse(doc.root().path("role").has("<<"));
        assertEquals("1:43", at(doc.at("/role/node_labels/env")), "a merged field keeps its own position");
        assertEquals("4:12", at(doc.at("/role/logins/0")));
    }

    @Test
    void refusesBillionLaughsWithoutExpandingIt() {
        StringBuilder yaml = new StringBuilder("l0: &a0 [lol]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("l").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        YamlTreeReader reader = reader();
        reader.read(yaml.toString());
        assertFalse(reader.complete());
        assertEquals(1, reader.problems().size());
        assertTrue(reader.problems().getFirst().message().startsWith("YAML aliases expand to more than 100000 nodes"));
    }

    @Test
    void capsNestingDepth() {
        YamlTreeReader reader = new YamlTreeReader(FILE, new LoadLimits(1 << 20, 5, 10, 10));
        reader.read("a: [[[[[[x]]]]]]\n");
        assertFalse(reader.complete());
        assertTrue(reader.problems().getFirst().message().startsWith("nesting is deeper than 5 levels"));
    }

    @Test
    void reportsDocumentsThatAreNotMappings() {
        YamlTreeReader reader = reader();
        List<SourceDocument> docs = reader.read("- a\n---\nkind: role\n");
        assertEquals(1, docs.size());
        assertEquals("1:1", at(reader.problems().getFirst().position()));
    }

    @Test
    void syntaxErrorPointsAtTheProblemAndStopsTheFile() {
        YamlTreeReader reader = reader();
        reader.read("kind: role\nmetadata:\n\tname: x\n");
        assertFalse(reader.complete());
        Diagnostic problem = reader.problems().getFirst();
        assertEquals("3:1", at(problem.position()));
        assertTrue(problem.message().startsWith("invalid YAML: found character '\\t(TAB)'"), problem.message());
    }

    @Test
    void keepsQuotedNumbersAsStrings() {
        SourceDocument doc = reader().read("a: \"123456789012\"\nb: 123456789012\nc: true\nd: ~\n").getFirst();
        assertTrue(doc.root().get("a").isString());
        assertTrue(doc.root().get("b").isNumber());
        assertTrue(doc.root().get("c").isBoolean());
        assertTrue(doc.root().get("d").isNull());
    }
}
