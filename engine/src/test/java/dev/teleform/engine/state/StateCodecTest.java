package dev.teleform.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A state file is read entry by entry: what it holds comes back whole, an applied document the stack holds
 * too is held once, and the version is judged before any entry, wherever it stands in the file.
 */
class StateCodecTest {

    private static final Address DEV = Address.in(ResourceKind.ROLE, "dev", "c0");
    private static final Address OPS = Address.in(ResourceKind.ROLE, "ops", "c0");

    @Test
    void whatIsWrittenIsReadBackAndTheStacksEqualDocumentsAreHeldOnce() {
        State written = State.empty("s").next(Map.of(DEV, entry(DEV, "dev"), OPS, entry(OPS, "ops")));
        byte[] file = StateCodec.write(written).getBytes(StandardCharsets.UTF_8);
        ObjectNode declaredDev = role("dev");
        ObjectNode declaredOps = role("ops").put("description", "changed");
        State read = StateCodec.read(file, Map.of(DEV, declaredDev, OPS, declaredOps)).get();
        assertEquals(written, read);
        assertSame(declaredDev, read.get(DEV).orElseThrow().applied(), "equal: the stack's document");
        assertNotSame(declaredOps, read.get(OPS).orElseThrow().applied(), "different: the file's own");
        assertEquals(written, StateCodec.read(file).get());
    }

    @Test
    void anUnknownVersionIsWhatIsReportedEvenWhenAnEntryCannotBeRead() {
        String file = """
                {"lineage": "x", "resources": [{"address": "not an address", "applied": {}, "observed": {}}],
                 "serial": 3, "stack": "s", "version": 99}""";
        String problem = StateCodec.read(file.getBytes(StandardCharsets.UTF_8)).getLeft();
        assertTrue(problem.startsWith("state file version 99 is not one this Teleform reads"), problem);
        String known = file.replace("99", "1");
        assertTrue(StateCodec.read(known.getBytes(StandardCharsets.UTF_8)).getLeft()
                .startsWith("state file holds a bad address"));
    }

    @Test
    void aKeyTwiceOrAnythingAfterTheObjectIsRefused() {
        String file = StateCodec.write(State.empty("s").next(Map.of(DEV, entry(DEV, "dev"))));
        for (String bad : java.util.List.of(file + "{}", file.replaceFirst("\\{", "{\"serial\": 9, "),
                file.substring(0, file.length() / 2))) {
            String problem = StateCodec.read(bad.getBytes(StandardCharsets.UTF_8)).getLeft();
            assertTrue(problem.startsWith("state file is not valid JSON"), problem);
        }
    }

    @Test
    void aFleetsStateIsReadWholeAndInOrderAndItsFirstBadEntryIsTheOneReported() {
        Map<Address, ResourceState> entries = new java.util.HashMap<>();
        Map<Address, ObjectNode> declared = new java.util.HashMap<>();
        for (int i = 0; i < 3000; i++) {
            Address address = Address.in(ResourceKind.ROLE, "r" + i, "c" + (i % 7));
            entries.put(address, entry(address, "r" + i));
            declared.put(address, role("r" + i));
        }
        State written = State.empty("s").next(entries);
        String file = StateCodec.write(written);
        State read = StateCodec.read(file.getBytes(StandardCharsets.UTF_8), declared).get();
        assertEquals(written, read);
        assertEquals(java.util.List.copyOf(written.resources().keySet()), java.util.List.copyOf(read.resources().keySet()));
        read.resources().forEach((address, entry) -> assertSame(declared.get(address), entry.applied()));
        String broken = file.replace("\"address\": \"role/r1500@c2\"", "\"address\": \"role/\"")
                .replace("\"kind\": \"role\",\n      \"name\": \"r1500\"", "\"x\": 1")
                .replace("\"address\": \"role/r2000@c5\"", "\"address\": \"nope\"")
                .replace("\"kind\": \"role\",\n      \"name\": \"r2000\"", "\"y\": 1");
        assertEquals("state file holds a bad address: \"role/\"",
                StateCodec.read(broken.getBytes(StandardCharsets.UTF_8)).getLeft());
    }

    @Test
    void anEntryThatIsNotAnObjectOrHoldsABadStringIsReportedAsSuch() {
        String file = StateCodec.write(State.empty("s").next(Map.of(DEV, entry(DEV, "dev"), OPS, entry(OPS, "ops"))));
        String withString = file.replaceFirst("\\[", "[\"just text\", ");
        assertEquals("state file holds an entry that is not a JSON object: \"just text\"",
                StateCodec.read(withString.getBytes(StandardCharsets.UTF_8)).getLeft());
        // the first pass skips strings' text, so a bad escape is met when the entry is built
        String badEscape = file.replace("\"r1\"", "\"r\\q\"");
        String problem = StateCodec.read(badEscape.getBytes(StandardCharsets.UTF_8)).getLeft();
        assertTrue(problem.startsWith("state file is not valid JSON: Unrecognized character escape"), problem);
    }

    private static ResourceState entry(Address address, String name) {
        return new ResourceState(address, role(name), JsonNodeFactory.instance.objectNode().put("revision", "r1"), false);
    }

    private static ObjectNode role(String name) {
        ObjectNode role = JsonNodeFactory.instance.objectNode().put("kind", "role").put("version", "v7");
        role.putObject("metadata").put("name", name);
        role.putObject("spec").putObject("allow").putArray("logins").add("ubuntu");
        return role;
    }
}
