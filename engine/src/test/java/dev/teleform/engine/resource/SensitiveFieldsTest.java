package dev.teleform.engine.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.json.CanonicalJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SensitiveFieldsTest {

    private static final SensitiveFields LOGIN_AND_LABEL = SensitiveFields.of(List.of("/spec/allow/logins/1",
            "/metadata/labels/team~1owner"));

    private static ObjectNode json(String text) {
        return (ObjectNode) CanonicalJson.mapper().readTree(text);
    }

    @Test
    void aFieldIsCoveredWhenItIsOrLiesInsideASensitiveOne() {
        assertTrue(LOGIN_AND_LABEL.covers("/spec/allow/logins/1"));
        assertTrue(SensitiveFields.of(List.of("/spec/traits")).covers("/spec/traits/logins"));
        assertFalse(LOGIN_AND_LABEL.covers("/spec/allow/logins"));
        assertFalse(LOGIN_AND_LABEL.covers("/spec/allow/logins/10"), "a prefix of the text is not an ancestor");
    }

    @Test
    void aValueThatHoldsASensitiveFieldTouchesIt() {
        assertTrue(LOGIN_AND_LABEL.touches("/spec/allow/logins"), "the list that holds the secret");
        assertTrue(LOGIN_AND_LABEL.touches("/spec/allow/logins/1"));
        assertFalse(LOGIN_AND_LABEL.touches("/spec/allow/logins/0"));
        assertFalse(LOGIN_AND_LABEL.touches("/spec/allow/node_labels"));
    }

    @Test
    void maskingPutsThePlaceholderWhereEachSensitiveValueIsAndLeavesTheDocumentAlone() {
        ObjectNode document = json("{\"metadata\":{\"name\":\"dev\",\"labels\":{\"team/owner\":\"s3cret\"}},"
                + "\"spec\":{\"allow\":{\"logins\":[\"ubuntu\",\"s3cret\"]}}}");
        ObjectNode masked = LOGIN_AND_LABEL.plus(SensitiveFields.of(List.of("/spec/deny/logins/0"))).masked(document);
        assertEquals(json("{\"metadata\":{\"name\":\"dev\",\"labels\":{\"team/owner\":\"(sensitive)\"}},"
                + "\"spec\":{\"allow\":{\"logins\":[\"ubuntu\",\"(sensitive)\"]}}}"), masked,
                "a sensitive field the document does not have is not made");
        assertTrue(document.toString().contains("s3cret"));
    }
}
