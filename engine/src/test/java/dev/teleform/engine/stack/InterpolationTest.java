package dev.teleform.engine.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.source.LoadLimits;
import dev.teleform.engine.source.SourceDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterpolationTest {

    private static final Map<String, String> ENV = Map.of("HOME_DIR", "/home/ci", "TOKEN", "s3cret",
            "UNDECLARED", "/root/.ssh/id_ed25519");
    private static final DeclaredEnvironment DECLARED = new DeclaredEnvironment(Map.of("HOME_DIR", false,
            "TOKEN", true, "MISSING", false, "NOPE", false));

    private static SourceDocument document(String yaml) {
        return new TestYaml(Path.of("s.yaml"), LoadLimits.DEFAULT).read(yaml).getFirst();
    }

    private static List<Diagnostic> apply(SourceDocument doc, Map<String, String> vars) {
        return new Interpolation(vars, ENV::get, DECLARED).apply(doc).problems();
    }

    @Test
    void substitutesEnvironmentAndVariablesInStringValues() {
        SourceDocument doc = document("a: ${env:HOME_DIR}/id\nb: [\"${var:team}-${var:env}\"]\nc: 3\n");
        assertTrue(apply(doc, Map.of("team", "pay", "env", "prod")).isEmpty());
        assertEquals("/home/ci/id", doc.root().get("a").asString());
        assertEquals("pay-prod", doc.root().at("/b/0").asString());
        assertEquals(3, doc.root().get("c").asInt());
    }

    @Test
    void doubledDollarIsALiteral() {
        SourceDocument doc = document("a: \"$${env:HOME_DIR} and ${env:HOME_DIR}\"\n");
        assertTrue(apply(doc, Map.of()).isEmpty());
        assertEquals("${env:HOME_DIR} and /home/ci", doc.root().get("a").asString());
    }

    @Test
    void unsetNamesAreErrorsAtTheValue() {
        SourceDocument doc = document("x: 1\nspec:\n  id: ${env:MISSING}\n  t: ${var:team}\n");
        List<Diagnostic> problems = apply(doc, Map.of());
        assertEquals(List.of("3:7 spec.id environment variable MISSING is not set",
                "4:6 spec.t variable team is not set (pass --var team=VALUE)"),
                problems.stream().map(p -> p.position().line() + ":" + p.position().column() + " " + p.field() + " "
                        + p.message()).toList());
    }

    @Test
    void aDefaultStandsInForAnUnsetOrEmptyName() {
        SourceDocument doc = document("a: ${env:MISSING:-.teleform/state.git}\nb: \"${var:empty:-}\"\n"
                + "c: ${env:HOME_DIR:-/tmp}\nd: ${var:team:-x}\n");
        assertTrue(apply(doc, Map.of("empty", "", "team", "pay")).isEmpty());
        assertEquals(".teleform/state.git", doc.root().get("a").asString());
        assertEquals("", doc.root().get("b").asString());
        assertEquals("/home/ci", doc.root().get("c").asString());
        assertEquals("pay", doc.root().get("d").asString());
    }

    @Test
    void aRequiredNameFailsWithItsMessageWhenUnsetOrEmpty() {
        SourceDocument doc = document("spec:\n  remote: \"${env:MISSING:?set the secret STATE in the CI settings}\"\n"
                + "  team: ${var:team:?}\n  empty: x${var:empty:?pass --var empty=...}\n  home: ${env:HOME_DIR:?never shown}\n");
        List<Diagnostic> problems = apply(doc, Map.of("empty", ""));
        assertEquals(List.of("2:11 spec.remote environment variable MISSING is not set: set the secret STATE in the CI "
                        + "settings",
                "3:9 spec.team variable team is not set (pass --var team=VALUE)",
                "4:10 spec.empty variable empty is empty: pass --var empty=..."),
                problems.stream().map(p -> p.position().line() + ":" + p.position().column() + " " + p.field() + " "
                        + p.message()).toList());
        assertEquals("/home/ci", doc.root().at("/spec/home").asString());
    }

    @Test
    void aRequiredSensitiveValueIsStillNeverShown() {
        Interpolation interpolation = new Interpolation(Map.of(), Map.of("TOKEN", "")::get, DECLARED);
        Interpolation.Substitution substitution = interpolation.apply(document("a: ${env:TOKEN:?}\n"));
        assertEquals(List.of("environment variable TOKEN is empty"),
                substitution.problems().stream().map(Diagnostic::message).toList());
        assertTrue(apply(document("a: ${env:TOKEN:?}\n"), Map.of()).isEmpty(), "set: s3cret, and not in a message");
    }

    @Test
    void unknownSourcesAndBadNamesAreErrors() {
        List<Diagnostic> problems = apply(document("a: ${vault:x}\nb: ${env:9bad}\nc: ${env:HOME_DIR:+x}\n"
                + "d: ${vault:x:?}\ne: ${env:UNDECLARED:?}\n"), Map.of());
        assertEquals(5, problems.size(), "one each: a value that cannot be read is not also empty");
        assertTrue(problems.get(0).message().startsWith("unknown substitution ${vault:x}"));
        assertTrue(problems.get(1).message().contains("not a valid variable name"));
        assertEquals("${env:HOME_DIR:+x}: after the name comes :-DEFAULT or :?MESSAGE", problems.get(2).message());
    }

    @Test
    void anUndeclaredEnvironmentVariableIsAnErrorAtItsValueAndIsNotRead() {
        SourceDocument doc = document("spec:\n  key: ${env:UNDECLARED}\n  other: \"${env:UNDECLARED:-x}\"\n"
                + "  home: ${env:HOME_DIR}\n");
        List<Diagnostic> problems = apply(doc, Map.of());
        assertEquals(List.of("2:8 spec.key ${env:UNDECLARED} reads an environment variable the stack does not "
                        + "declare: add UNDECLARED to spec.environment in the kind: stack document",
                "3:10 spec.other ${env:UNDECLARED} reads an environment variable the stack does not declare: add "
                        + "UNDECLARED to spec.environment in the kind: stack document"),
                problems.stream().map(p -> p.position().line() + ":" + p.position().column() + " " + p.field() + " "
                        + p.message()).toList());
        assertEquals("", doc.root().at("/spec/key").asString());
        assertEquals("/home/ci", doc.root().at("/spec/home").asString());
    }

    @Test
    void theStackDocumentsDeclarationIsReadAsWritten() {
        SourceDocument doc = document("kind: stack\nspec:\n  environment: [\"${env:HOME_DIR}\"]\n"
                + "  parent: {identity_file: \"${env:HOME_DIR}/id\"}\n");
        assertTrue(apply(doc, Map.of()).isEmpty());
        assertEquals("${env:HOME_DIR}", doc.root().at("/spec/environment/0").asString());
        assertEquals("/home/ci/id", doc.root().at("/spec/parent/identity_file").asString());
    }

    @Test
    void aStringThatTakesASensitiveValueIsSensitiveAsAWhole() {
        SourceDocument doc = document("a: \"on call as ${env:TOKEN}\"\nb: [\"${env:HOME_DIR}\", \"${env:TOKEN}\"]\n"
                + "c: ${env:HOME_DIR}\nd: $${env:TOKEN}\n");
        Interpolation.Substitution substitution = new Interpolation(Map.of(), ENV::get, DECLARED).apply(doc);
        assertEquals(Set.of("/a", "/b/1"), substitution.sensitive());
        assertEquals(Set.of("s3cret"), substitution.secrets());
        assertEquals("on call as s3cret", doc.root().get("a").asString());
    }

    @Test
    void aSensitiveVariablesDefaultIsSensitiveToo() {
        Interpolation interpolation = new Interpolation(Map.of(), name -> null, DECLARED);
        Interpolation.Substitution substitution = interpolation.apply(document("a: ${env:TOKEN:-dev-token}\n"));
        assertEquals(Set.of("/a"), substitution.sensitive());
        assertEquals(Set.of(), substitution.secrets());
    }

    @Test
    void valuesNeverAppearInMessages() {
        List<Diagnostic> problems = apply(document("a: ${env:TOKEN}${env:NOPE}\n"), Map.of());
        assertEquals(1, problems.size());
        assertTrue(!problems.getFirst().message().contains("s3cret"));
    }
}
