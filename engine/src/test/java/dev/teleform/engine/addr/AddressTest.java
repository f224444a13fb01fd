package dev.teleform.engine.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AddressTest {

    @Test
    void parsesAndPrintsParentAndChildAddresses() {
        for (String text : List.of("workload_cluster/child", "role/editor-wc", "user/alice@child")) {
            var parsed = assertInstanceOf(AddressParse.Parsed.class, Address.parse(text));
            assertEquals(text, parsed.address().toString());
        }
        assertEquals(Address.in(ResourceKind.USER, "alice", "child"),
                ((AddressParse.Parsed) Address.parse("user/alice@child")).address());
        assertTrue(Address.inParent(ResourceKind.ROLE, "x").inParentCluster());
    }

    @Test
    void aFleetsAddressesHashApart() {
        // names and clusters that differ in their last characters, as a generated fleet's do
        Set<Integer> hashes = new HashSet<>();
        int count = 0;
        for (int cluster = 0; cluster < 100; cluster++) {
            for (int i = 0; i < 50; i++) {
                hashes.add(Address.in(ResourceKind.ROLE, "team-" + i, "tenant-" + cluster).hashCode());
                hashes.add(Address.in(ResourceKind.USER, "user-" + i + "@example.com", "tenant-" + cluster).hashCode());
                count += 2;
            }
        }
        assertTrue(hashes.size() > count * 0.99, hashes.size() + " distinct hashes of " + count + " addresses");
    }

    @Test
    void namesMayBeEmailAddresses() {
        assertEquals(Address.in(ResourceKind.USER, "bob@example.com", "child"),
                ((AddressParse.Parsed) Address.parse("user/bob@example.com@child")).address());
        assertEquals(Address.inParent(ResourceKind.USER, "bob@example.com"),
                ((AddressParse.Parsed) Address.parse("user/bob@example.com")).address());
        assertEquals("user/bob@example.com@child", Address.in(ResourceKind.USER, "bob@example.com", "child").toString());
    }

    @Test
    void explainsTextThatIsNotAnAddress() {
        var invalid = assertInstanceOf(AddressParse.Invalid.class, Address.parse("alice"));
        assertTrue(invalid.message().contains("kind/name@cluster"));
        assertInstanceOf(AddressParse.Invalid.class, Address.parse("User/alice"));
        assertInstanceOf(AddressParse.Invalid.class, Address.parse("role/"));
    }

    @Test
    void aKindTeleformDoesNotManageIsNoAddress() {
        var invalid = assertInstanceOf(AddressParse.Invalid.class, Address.parse("token/abc"));
        assertEquals("\"token/abc\" names no kind Teleform manages: workload_cluster, role or user", invalid.message());
        var fromParts = assertInstanceOf(AddressParse.Invalid.class, Address.of("bot", "x", ""));
        assertTrue(fromParts.message().contains("\"bot\" is no kind Teleform manages"));
        assertEquals(Address.in(ResourceKind.ROLE, "x", "child"),
                assertInstanceOf(AddressParse.Parsed.class, Address.of("role", "x", "child")).address());
    }

    @Test
    void ordersParentFirstThenByClusterKindAndName() {
        List<Address> sorted = Stream.of(
                Address.in(ResourceKind.USER, "a", "child"), Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "child"),
                Address.in(ResourceKind.ROLE, "b", "child"), Address.inParent(ResourceKind.ROLE, "z"))
                .sorted().toList();
        assertEquals("[role/z, workload_cluster/child, role/b@child, user/a@child]", sorted.toString());
    }
}
