package dev.teleform.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class JsonLineTest {

    @Test
    void aLineIsCompactKeepsKeysInTheOrderPutAndEscapesLineBreaks() {
        ObjectNode node = JsonLine.object().put("time", "2025-03-01T12:00:00Z")
                .put("event", "failed").put("reason", "denied:\n  by \"policy\" \u2014 é");
        node.putObject("detail").put("b", 2).put("a", 1);
        node.putArray("empty");
        assertEquals("{\"time\":\"2025-03-01T12:00:00Z\",\"event\":\"failed\",\"reason\":\"denied:\\n  by \\\"policy\\\" \u2014 é\","
                + "\"detail\":{\"b\":2,\"a\":1},\"empty\":[]}", JsonLine.of(node));
    }
}
