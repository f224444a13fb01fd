package dev.teleform.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.schema.FieldSemantics;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The diff rules, on documents shaped like what the stack has and what Teleport returns. */
class ThreeWayDiffTest {

    private final ThreeWayDiff diff = new ThreeWayDiff(FieldSemantics.shared());

    /** A role as Teleport returns it: what was written plus the server's defaults. */
    private static final String LIVE_ROLE = """
            {"kind": "role", "version": "v7",
             "metadata": {"name": "dev", "revision": "8f0c"},
             "spec": {
               "allow": {"logins": ["ubuntu", "ops"], "node_labels": {"env": "dev"},
                         "rules": [{"resources": ["session"], "verbs": ["read", "list"], "where": ""}],
                         "host_sudoers": ["a", "b"]},
               "deny": {},
               "options": {"max_session_ttl": "8h0m0s", "cert_format": "standard", "forward_agent": false,
                           "max_connections": 3, "enhanced_recording": ["command", "network"]}}}
            """;

    private static ObjectNode json(String text) {
        return (ObjectNode) CanonicalJson.mapper().readTree(text);
    }

    private static ObjectNode desired(String spec) {
        return json("{\"kind\": \"role\", \"version\": \"v7\", \"metadata\": {\"name\": \"dev\"}, \"spec\": " + spec + "}");
    }

    private List<String> changes(ObjectNode desired, ObjectNode applied, String live, String... ignore) {
        return diff.diff(ResourceKind.ROLE, desired, applied, json(live), List.of(ignore), SensitiveFields.NONE).changes().stream()
                .map(c -> c.kind() + " " + c.field() + ": " + c.before().map(Object::toString).orElse("-") + " -> "
                        + c.after().map(Object::toString).orElse("-"))
                .toList();
    }

    @Test
    void serverDefaultsAndRevisionsNeverShowAsChanges() {
        ObjectNode wanted = desired("{\"allow\": {\"logins\": [\"ubuntu\", \"ops\"]}}");
        assertEquals(List.of(), changes(wanted, null, LIVE_ROLE));
        assertTrue(diff.matches(ResourceKind.ROLE, wanted, json(LIVE_ROLE)));
    }

    @Test
    void durationsCompareAsDurations() {
        assertEquals(List.of(), changes(desired("{\"options\": {\"max_session_ttl\": \"8h\"}}"), null, LIVE_ROLE));
        assertEquals(List.of("CHANGE spec.options.max_session_ttl: \"8h0m0s\" -> \"9h\""),
                changes(desired("{\"options\": {\"max_session_ttl\": \"9h\"}}"), null, LIVE_ROLE));
    }

    @Test
    void setsCompareWithoutOrderButOtherListsKeepTheirOrder() {
        assertEquals(List.of(), changes(desired("{\"allow\": {\"logins\": [\"ops\", \"ubuntu\", \"ops\"]}}"), null, LIVE_ROLE));
        assertEquals(List.of(), changes(desired(
                "{\"allow\": {\"rules\": [{\"resources\": [\"session\"], \"verbs\": [\"list\", \"read\"]}]}}"), null, LIVE_ROLE));
        assertEquals(List.of("CHANGE spec.allow.host_sudoers: [\"a\",\"b\"] -> [\"b\",\"a\"]"),
                changes(desired("{\"allow\": {\"host_sudoers\": [\"b\", \"a\"]}}"), null, LIVE_ROLE));
    }

    @Test
    void objectsInListsCompareOnTheFieldsTheStackSets() {
        assertEquals(List.of("CHANGE spec.allow.rules: [{\"resources\":[\"session\"],\"verbs\":[\"read\",\"list\"],"
                        + "\"where\":\"\"}] -> [{\"resources\":[\"session\"],\"verbs\":[\"read\"]}]"),
                changes(desired("{\"allow\": {\"rules\": [{\"resources\": [\"session\"], \"verbs\": [\"read\"]}]}}"),
                        null, LIVE_ROLE));
    }

    @Test
    void numbersCompareByValue() {
        ObjectNode wanted = desired("{\"options\": {\"max_connections\": 3}}");
        wanted.withObjectProperty("spec").withObjectProperty("options").put("max_connections",
                java.math.BigInteger.valueOf(3));
        assertEquals(List.of(), changes(wanted, null, LIVE_ROLE));
    }

    @Test
    void aFieldRemovedFromTheStackIsRemovedFromLive() {
        ObjectNode applied = desired("{\"allow\": {\"logins\": [\"ubuntu\", \"ops\"], \"node_labels\": {\"env\": \"dev\"}}}");
        ObjectNode wanted = desired("{\"allow\": {\"logins\": [\"ubuntu\", \"ops\"]}}");
        assertEquals(List.of("REMOVE spec.allow.node_labels.env: \"dev\" -> -"), changes(wanted, applied, LIVE_ROLE));
    }

    @Test
    void droppingAWholeObjectRemovesOnlyTheKeysThatWereAppliedAndKeepsIgnoredOnes() {
        ObjectNode applied = desired("{\"allow\": {\"logins\": [\"ubuntu\", \"ops\"], \"node_labels\": {\"env\": \"dev\"}}}");
        ObjectNode wanted = desired("{\"allow\": {\"logins\": [\"ubuntu\", \"ops\"]}}");
        String live = LIVE_ROLE.replace("\"node_labels\": {\"env\": \"dev\"}",
                "\"node_labels\": {\"env\": \"dev\", \"team\": \"by-hand\"}");
        assertEquals(List.of("REMOVE spec.allow.node_labels.env: \"dev\" -> -"), changes(wanted, applied, live));

        ObjectNode user = (ObjectNode) CanonicalJson.mapper().readTree("""
                {"kind": "user", "version": "v2", "metadata": {"name": "a"},
                 "spec": {"roles": ["x"], "traits": {"logins": ["a"], "groups": ["sso"]}}}""");
        ObjectNode appliedUser = (ObjectNode) CanonicalJson.mapper().readTree("""
                {"kind": "user", "version": "v2", "metadata": {"name": "a"},
                 "spec": {"roles": ["x"], "traits": {"logins": ["a"], "groups": ["old"]}}}""");
        ObjectNode wantedUser = (ObjectNode) CanonicalJson.mapper().readTree("""
                {"kind": "user", "version": "v2", "metadata": {"name": "a"}, "spec": {"roles": ["x"]}}""");
        var result = diff.diff(ResourceKind.USER, wantedUser, appliedUser, user, List.of("/spec/traits/groups"),
                SensitiveFields.NONE);
        assertEquals(List.of("/spec/traits/logins"), result.changes().stream().map(FieldChange::pointer).toList(),
                "the ignored traits stay");
    }

    @Test
    void aRemovedFieldAlreadyGoneFromLiveNeedsNothing() {
        ObjectNode applied = desired("{\"allow\": {\"kubernetes_groups\": [\"viewers\"]}}");
        assertEquals(List.of(), changes(desired("{\"allow\": {}}"), applied, LIVE_ROLE));
    }

    @Test
    void ignoredFieldsAreNeitherChangedNorDrift() {
        ObjectNode wanted = desired("{\"allow\": {\"logins\": [\"root\"]}}");
        assertEquals(List.of(), changes(wanted, wanted, LIVE_ROLE, "/spec/allow/logins"));
        assertEquals(List.of(), diff.diff(ResourceKind.ROLE, wanted, wanted, json(LIVE_ROLE), List.of("/spec/allow"),
                SensitiveFields.NONE)
                .drift());
    }

    @Test
    void aManagedFieldChangedOutsideTeleformIsDriftAndIsRestored() {
        ObjectNode applied = desired("{\"allow\": {\"logins\": [\"ubuntu\"]}}");
        ThreeWayDiff.Result result = diff.diff(ResourceKind.ROLE, applied, applied, json(LIVE_ROLE), List.of(),
                SensitiveFields.NONE);
        assertEquals(List.of("spec.allow.logins"), result.drift().stream().map(FieldChange::field).toList());
        assertEquals("[\"ubuntu\"]", result.drift().getFirst().before().orElseThrow().toString(), "what was applied");
        assertEquals("[\"ubuntu\",\"ops\"]", result.drift().getFirst().after().orElseThrow().toString(), "what is live");
        assertEquals(1, result.changes().size(), "the plan restores the stack's value");
    }

    /** State holds the placeholder where the stack has the secret "s3cret" among the logins. */
    private static final String LIVE_WITH_SECRET = LIVE_ROLE.replace("[\"ubuntu\", \"ops\"]", "[\"s3cret\", \"ubuntu\"]");
    private static final SensitiveFields SECOND_LOGIN = SensitiveFields.of(List.of("/spec/allow/logins/1"));

    @Test
    void aSensitiveFieldHasNoDriftButAChangedSecretIsAChangeMarkedSensitive() {
        ObjectNode applied = desired("{\"allow\": {\"logins\": [\"ubuntu\", \"(sensitive)\"]}}");
        ObjectNode wanted = desired("{\"allow\": {\"logins\": [\"ubuntu\", \"s3cret\"]}}");
        ThreeWayDiff.Result same = diff.diff(ResourceKind.ROLE, wanted, applied, json(LIVE_WITH_SECRET), List.of(),
                SECOND_LOGIN);
        assertEquals(List.of(), same.drift(), "the placeholder is not compared with live");
        assertEquals(List.of(), same.changes(), "the stack's value is, and live has it");

        ObjectNode rotated = desired("{\"allow\": {\"logins\": [\"ubuntu\", \"r0tated\"]}}");
        ThreeWayDiff.Result result = diff.diff(ResourceKind.ROLE, rotated, applied, json(LIVE_WITH_SECRET), List.of(),
                SECOND_LOGIN);
        assertEquals(List.of(), result.drift());
        assertEquals(List.of("spec.allow.logins"), result.changes().stream().map(FieldChange::field).toList());
        assertTrue(result.changes().getFirst().sensitive());
    }

    @Test
    void aSensitiveFieldDroppedFromTheStackIsRemovedAndStaysSensitive() {
        ObjectNode applied = desired("{\"allow\": {\"logins\": [\"ubuntu\", \"ops\"]}, \"options\": {\"max_session_ttl\": "
                + "\"(sensitive)\"}}");
        SensitiveFields applyTime = SensitiveFields.of(List.of("/spec/options/max_session_ttl"));
        ThreeWayDiff.Result result = diff.diff(ResourceKind.ROLE, desired("{\"allow\": {\"logins\": [\"ubuntu\", "
                + "\"ops\"]}, \"options\": {\"forward_agent\": false}}"), applied, json(LIVE_ROLE), List.of(), applyTime);
        assertEquals(List.of("REMOVE spec.options.max_session_ttl true"), result.changes().stream()
                .map(c -> c.kind() + " " + c.field() + " " + c.sensitive()).toList());
        assertEquals(List.of(), result.drift());
    }

    @Test
    void labelsAddedOutsideTeleformAreNotManaged() {
        String live = LIVE_ROLE.replace("\"revision\": \"8f0c\"", "\"revision\": \"8f0c\", \"labels\": {\"team\": \"a\", \"x\": \"y\"}");
        ObjectNode wanted = json("{\"kind\": \"role\", \"version\": \"v7\", \"metadata\": {\"name\": \"dev\", \"labels\": "
                + "{\"team\": \"a\"}}, \"spec\": {}}");
        assertEquals(List.of(), changes(wanted, wanted, live));
    }

    @Test
    void aChangedVersionIsAChange() {
        ObjectNode wanted = desired("{}");
        wanted.put("version", "v8");
        assertEquals(List.of("CHANGE version: \"v7\" -> \"v8\""), changes(wanted, null, LIVE_ROLE));
    }
}
