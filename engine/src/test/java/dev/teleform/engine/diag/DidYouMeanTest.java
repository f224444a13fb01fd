package dev.teleform.engine.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    private static final List<String> FIELDS = List.of("logins", "node_labels", "rules", "options");

    @Test
    void suggestsTheClosestNameForTyposAndTranspositions() {
        assertEquals(Optional.of("logins"), DidYouMean.closest("lgoins", FIELDS));
        assertEquals(Optional.of("node_labels"), DidYouMean.closest("node_lables", FIELDS));
        assertEquals(Optional.of("logins"), DidYouMean.closest("LOGINS", FIELDS));
    }

    @Test
    void staysSilentWhenNothingIsClose() {
        assertEquals(Optional.empty(), DidYouMean.closest("kubernetes", FIELDS));
        assertEquals("", DidYouMean.hint("zzz", FIELDS));
    }

    @Test
    void formatsAHint() {
        assertEquals("; did you mean \"rules\"?", DidYouMean.hint("rule", FIELDS));
    }
}
