package dev.teleform.engine.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FieldPathsTest {

    @Test
    void printsPointersAsDottedFieldsWithIndexes() {
        assertEquals("spec.regions[0].name", FieldPaths.display("/spec/regions/0/name"));
        assertEquals("", FieldPaths.display(""));
    }

    @Test
    void quotesKeysThatAreNotIdentifiers() {
        assertEquals("spec.allow.node_labels[\"team.io/env\"]",
                FieldPaths.display("/spec/allow/node_labels/" + "team.io~1env"));
        assertEquals("spec.allow.node_labels[\"*\"]", FieldPaths.display("/spec/allow/node_labels/*"));
    }

    @Test
    void escapesPointerTokens() {
        assertEquals("/a~1b/c~0d", SourceMap.child(SourceMap.child("", "a/b"), "c~d"));
    }
}
