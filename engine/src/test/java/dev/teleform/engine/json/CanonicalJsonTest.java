package dev.teleform.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CanonicalJsonTest {

    @Test
    void keysAreSortedAtEveryLevelInsideArraysTooAndTheTextIsIndentedByTwoWithATrailingNewline() {
        JsonNode tree = CanonicalJson.mapper().readTree("""
                {"version": 4, "resources": [{"status": {"state": "active", "domain": "c.teleport.sh"},
                 "address": "workload_cluster/c", "observed": {}, "tags": []}],
                 "lineage": "l-1", "B": true, "a": null, "é": 1.5}
                """);
        assertEquals("""
                {
                  "B": true,
                  "a": null,
                  "lineage": "l-1",
                  "resources": [
                    {
                      "address": "workload_cluster/c",
                      "observed": {},
                      "status": {
                        "domain": "c.teleport.sh",
                        "state": "active"
                      },
                      "tags": []
                    }
                  ],
                  "version": 4,
                  "é": 1.5
                }
                """, CanonicalJson.write(tree));
    }

    @Test
    void theTreeWrittenIsLeftAsItWas() {
        JsonNode tree = CanonicalJson.mapper().readTree("{\"b\": {\"d\": 1, \"c\": 2}, \"a\": 3}");
        CanonicalJson.write(tree);
        assertEquals(List.of("b", "a"), List.copyOf(tree.propertyNames()));
        assertEquals(List.of("d", "c"), List.copyOf(tree.get("b").propertyNames()));
    }
}
