package dev.teleform.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.json.CanonicalJson;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What an update writes: live with exactly the plan's field changes made. */
class LiveMergeTest {

    private static ObjectNode json(String text) {
        return (ObjectNode) CanonicalJson.mapper().readTree(text);
    }

    private static FieldChange change(String pointer, String after) {
        return new FieldChange(pointer, pointer.substring(1).replace('/', '.'), Optional.empty(),
                Optional.ofNullable(after).map(text -> (JsonNode) CanonicalJson.mapper().readTree(text)), false);
    }

    @Test
    void listedFieldsAreSetOrRemovedAndEverythingElseIsLive() {
        ObjectNode live = json("""
                {"kind": "user", "metadata": {"name": "a", "revision": "r1"},
                 "spec": {"roles": ["x"], "traits": {"logins": ["alice"]}, "created_by": {"user": {"name": "admin"}},
                          "old": 1}}""");
        ObjectNode written = LiveMerge.merge(live, List.of(change("/spec/roles", "[\"x\", \"y\"]"),
                change("/spec/old", null), change("/metadata/labels/team", "\"ops\"")));
        assertEquals(json("""
                {"kind": "user", "metadata": {"name": "a", "revision": "r1", "labels": {"team": "ops"}},
                 "spec": {"roles": ["x", "y"], "traits": {"logins": ["alice"]}, "created_by": {"user": {"name": "admin"}}}}"""),
                written);
        assertEquals(1, live.path("spec").path("old").asInt(), "live itself is not changed");
    }

    @Test
    void aPointerWithEscapedSegmentsReachesItsField() {
        ObjectNode written = LiveMerge.merge(json("{\"spec\": {\"allow\": {\"node_labels\": {}}}}"),
                List.of(change("/spec/allow/node_labels/a~1b~0c", "\"v\"")));
        assertEquals("v", written.path("spec").path("allow").path("node_labels").path("a/b~c").asString());
    }
}
