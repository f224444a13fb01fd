package dev.teleform.engine.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AddressTest {

    @Test
    void parsesAndPrintsParentAndChildAddresses() {
        for (String text : List.of("workload_cluster/child", "role/editor-wc", "user/alice@child")) {
            var parsed = assertInstanceOf(AddressParse.Parsed.class, Address.parse(text));
            assertEquals(text, parsed.address().toString());
        }
        assertEquals(Address.in("user", "alice", "child"),
                ((AddressParse.Parsed) Address.parse("user/alice@child")).address());
        assertTrue(Address.inParent("role", "x").inParentCluster());
    }

    @Test
    void namesMayBeEmailAddresses() {
        assertEquals(Address.in("user", "bob@example.com", "child"),
                ((AddressParse.Parsed) Address.parse("user/bob@example.com@child")).address());
        assertEquals(Address.inParent("user", "bob@example.com"),
                ((AddressParse.Parsed) Address.parse("user/bob@example.com")).address());
        assertEquals("user/bob@example.com@child", Address.in("user", "bob@example.com", "child").toString());
    }

    @Test
    void explainsTextThatIsNotAnAddress() {
        var invalid = assertInstanceOf(AddressParse.Invalid.class, Address.parse("alice"));
        assertTrue(invalid.message().contains("kind/name@cluster"));
        assertInstanceOf(AddressParse.Invalid.class, Address.parse("User/alice"));
        assertInstanceOf(AddressParse.Invalid.class, Address.parse("role/"));
    }

    @Test
    void ordersParentFirstThenByClusterKindAndName() {
        List<Address> sorted = Stream.of(
                Address.in("user", "a", "child"), Address.inParent("workload_cluster", "child"),
                Address.in("role", "b", "child"), Address.inParent("role", "z"))
                .sorted().toList();
        assertEquals("[role/z, workload_cluster/child, role/b@child, user/a@child]", sorted.toString());
    }
}
