package dev.teleform.provider.teleport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How named reads become tctl refs and batches, and which ref a not-found error of tctl names. */
class NamedGetTest {

    @Test
    void theMissingRefIsTheOneTctlWasGettingWhateverTheServersWording() {
        // tctl's context (tool/tctl/common/resource_command.go), then the server's text (TELEPORT.md §3)
        assertEquals(Optional.of("role/gone"), NamedGet.missing("getting resource \"gone\" of type \"role\": role gone is "
                + "not found"));
        assertEquals(Optional.of("user/bob@example.com"), NamedGet.missing("getting resource \"bob@example.com\" of type "
                + "\"user\": user \"bob@example.com\" not found"));
        assertEquals(Optional.empty(), NamedGet.missing("workload cluster \"kid\" is not found"));
    }

    @Test
    void aCommaInANameIsEscapedAsTctlsRefParserAllowsAndAQuoteAsGoQuotesIt() {
        assertEquals("role/a\\,b", NamedGet.ref(ResourceKind.ROLE, "a,b"));
        assertEquals(Optional.of("role/a\\,b"), NamedGet.missing("getting resource \"a,b\" of type \"role\": role a,b is "
                + "not found"));
        assertEquals(Optional.of("user/say\"hi\""), NamedGet.missing("getting resource \"say\\\"hi\\\"\" of type \"user\": "
                + "user \"say\\\"hi\\\"\" not found"));
    }

    @Test
    void longListsOfRefsAreCutIntoArgumentsOfBoundedLength() {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            refs.add(NamedGet.ref(ResourceKind.USER, "user-" + i + "@example.com"));
        }
        List<List<String>> batches = NamedGet.batches(refs);
        assertTrue(batches.size() > 1, "2,000 users do not fit one argument");
        assertEquals(refs, batches.stream().flatMap(List::stream).toList(), "every ref once, in order");
        batches.forEach(batch -> assertTrue(String.join(",", batch).length() <= NamedGet.LONGEST_REFS));
        assertEquals(List.of(List.of("role/a", "user/b")), NamedGet.batches(List.of("role/a", "user/b")));
    }
}
