package dev.teleform.engine.state;

import dev.teleform.engine.addr.ResourceKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The git state store on real temporary repositories. */
class GitStateStoreTest {

    @TempDir
    Path dir;

    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-25T12:00:00Z"));

    private GitStateStore store() {
        return new GitStateStore(dir.resolve("state.git"), "main", "prod.json", "prod", clock);
    }

    private static ResourceState role(String name, String login) {
        ObjectNode applied = JsonNodeFactory.instance.objectNode().put("kind", "role").put("version", "v7");
        applied.putObject("metadata").put("name", name);
        applied.putObject("spec").putObject("allow").putArray("logins").add(login);
        ObjectNode observed = JsonNodeFactory.instance.objectNode().put("revision", "rev-" + name);
        return new ResourceState(Address.inParent(ResourceKind.ROLE, name), applied, observed, false);
    }

    private static Map<Address, ResourceState> resources(ResourceState... states) {
        Map<Address, ResourceState> map = new TreeMap<>();
        for (ResourceState state : states) {
            map.put(state.address(), state);
        }
        return map;
    }

    private static <T> T ok(Either<StateError, T> result) {
        assertTrue(result.isRight(), () -> "expected success, got " + result.getLeft());
        return result.get();
    }

    @Test
    void beforeTheFirstWriteThereIsAnEmptyStateAndNoRepository() {
        StateStore.Snapshot snapshot = ok(store().read());
        assertTrue(snapshot.state().isNew());
        assertEquals(Optional.empty(), snapshot.version());
        assertFalse(Files.exists(dir.resolve("state.git")), "reading creates nothing");
        assertEquals(List.of(), ok(store().history(10)));
    }

    @Test
    void theFirstWriteCreatesABareRepositoryAndALineage() throws Exception {
        State empty = ok(store().read()).state();
        StateStore.Snapshot written = ok(store().write(empty.next(resources(role("dev", "ubuntu"))), Optional.empty(),
                "apply: 1 created"));
        assertEquals(1, written.state().serial());
        assertFalse(written.state().lineage().isEmpty());
        try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve("state.git").toFile()).build()) {
            assertTrue(repository.isBare());
        }
        StateStore.Snapshot read = ok(store().read());
        assertEquals(written, read);
        assertEquals("ubuntu", read.state().get(Address.inParent(ResourceKind.ROLE, "dev")).orElseThrow().applied()
                .at("/spec/allow/logins/0").asString());
    }

    @Test
    void eachWriteIsOneCommitWithTheOperationAndKeepsTheLineage() {
        StateStore.Snapshot first = ok(store().write(State.empty("prod").next(resources(role("a", "x"))),
                Optional.empty(), "apply: 1 created"));
        StateStore.Snapshot second = ok(store().write(first.state().next(resources(role("a", "y"), role("b", "z"))),
                first.version(), "apply: 1 created, 1 updated"));
        assertEquals(first.state().lineage(), second.state().lineage());
        assertEquals(2, second.state().serial());
        List<StateStore.Entry> history = ok(store().history(10));
        assertEquals(List.of("apply: 1 created, 1 updated", "apply: 1 created"),
                history.stream().map(StateStore.Entry::message).toList());
        assertEquals(second.version().orElseThrow(), history.getFirst().version());
        assertEquals(Instant.parse("2026-11-25T12:00:00Z"), history.getFirst().time());
    }

    @Test
    void aWriterThatReadAnOlderVersionIsRefusedAndChangesNothing() {
        StateStore.Snapshot base = ok(store().write(State.empty("prod").next(resources(role("a", "x"))),
                Optional.empty(), "apply"));
        StateStore.Snapshot winner = ok(store().write(base.state().next(resources(role("a", "winner"))), base.version(),
                "apply by runner 1"));
        Either<StateError, StateStore.Snapshot> loser = store().write(base.state().next(resources(role("a", "loser"))),
                base.version(), "apply by runner 2");
        StateError.Conflict conflict = assertInstanceOf(StateError.Conflict.class, loser.getLeft());
        assertTrue(conflict.message().contains("changed since it was read"), conflict.message());
        assertEquals(winner, ok(store().read()));
        var refusedFirstWrite = store().write(State.empty("prod").next(resources()), Optional.empty(), "apply");
        assertInstanceOf(StateError.Conflict.class, refusedFirstWrite.getLeft(), "a second 'first write' is refused too");
    }

    @Test
    void ofWritersRacingFromTheSameVersionExactlyOneWins() throws Exception {
        StateStore.Snapshot base = ok(store().write(State.empty("prod").next(resources()), Optional.empty(), "init"));
        assertEquals(1, Races.winners(8, n -> () -> store().write(base.state().next(resources(role("w" + n, "x"))),
                base.version(), "writer " + n).isRight()));
        assertEquals(2, ok(store().history(10)).size(), "history is linear: init plus one winner");
    }

    @Test
    void racingFirstWritersCreateOneRepositoryAndOneWins() throws Exception {
        assertEquals(1, Races.winners(6, n -> () -> store().write(State.empty("prod").next(resources(role("w" + n, "x"))),
                Optional.empty(), "first write " + n).isRight()));
        assertEquals(1, ok(store().history(10)).size());
    }

    @Test
    void theFileIsCanonicalSortedJson() throws Exception {
        StateStore.Snapshot written = ok(store().write(State.empty("prod").next(resources(role("b", "y"), role("a", "x"))),
                Optional.empty(), "apply"));
        String text = fileAt(written.version().orElseThrow());
        assertTrue(text.indexOf("\"lineage\"") < text.indexOf("\"resources\"") && text.indexOf("\"resources\"")
                < text.indexOf("\"serial\""), "keys sorted:\n" + text);
        assertTrue(text.indexOf("role/a") < text.indexOf("role/b"), "resources sorted by address");
        assertTrue(text.endsWith("}\n"));
        assertEquals(text, StateCodec.write(StateCodec.read(text.getBytes()).get()), "reading and writing round-trips");
    }

    @Test
    void otherFilesOnTheBranchAreKept() throws Exception {
        StateStore.Snapshot first = ok(new GitStateStore(dir.resolve("state.git"), "main", "staging.json", "staging", clock)
                .write(State.empty("staging").next(resources(role("s", "x"))), Optional.empty(), "apply staging"));
        StateStore.Snapshot prodRead = ok(store().read());
        assertEquals(first.version(), prodRead.version(), "one branch, two stacks");
        ok(store().write(prodRead.state().next(resources(role("p", "x"))), prodRead.version(), "apply prod"));
        StateStore.Snapshot staging = ok(new GitStateStore(dir.resolve("state.git"), "main", "staging.json", "staging",
                clock).read());
        assertEquals(1, staging.state().resources().size());
    }

    @Test
    void aStateFileOfAnUnknownVersionIsRefusedByName() {
        Either<String, State> read = StateCodec.read("{\"version\": 99}".getBytes());
        assertEquals("state file version 99 is not one this Teleform reads (it reads 1 and 2); use the Teleform "
                + "release that wrote it", read.getLeft());
    }

    @Test
    void aStateWithSensitiveFieldsIsVersion2SoThatAReleaseThatWouldTakeItsPlaceholdersForValuesRefusesIt() {
        ResourceState plain = role("plain", "x");
        ResourceState hiding = new ResourceState(Address.inParent(ResourceKind.ROLE, "hiding"), plain.applied(), plain.observed(),
                false, false, Set.of("/spec/allow/logins/0"));
        String without = StateCodec.write(State.empty("prod").next(resources(plain)));
        String with = StateCodec.write(State.empty("prod").next(resources(plain, hiding)));
        assertTrue(without.contains("\"version\": 1"), without);
        assertTrue(with.contains("\"version\": 2") && with.contains("\"sensitive\": [\n"), with);
        State read = StateCodec.read(with.getBytes()).get();
        assertEquals(Set.of("/spec/allow/logins/0"), read.get(hiding.address()).orElseThrow().sensitive());
        assertEquals(Set.of(), read.get(plain.address()).orElseThrow().sensitive());
    }

    private String fileAt(String version) throws Exception {
        try (Git git = Git.open(dir.resolve("state.git").toFile()); var walk = new org.eclipse.jgit.revwalk.RevWalk(git.getRepository())) {
            var commit = walk.parseCommit(org.eclipse.jgit.lib.ObjectId.fromString(version));
            try (TreeWalk tree = TreeWalk.forPath(git.getRepository(), "prod.json", commit.getTree())) {
                return new String(git.getRepository().open(tree.getObjectId(0)).getBytes());
            }
        }
    }
}
