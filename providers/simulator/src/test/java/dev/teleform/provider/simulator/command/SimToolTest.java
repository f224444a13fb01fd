package dev.teleform.provider.simulator.command;


import dev.teleform.engine.testing.TestClock;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderTool;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.provider.simulator.SimFixture;
import dev.teleform.provider.simulator.SimTestSupport;
import dev.teleform.provider.simulator.SimulatorProviderFactory;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.teleform.provider.simulator.SimTestSupport.cluster;
import static dev.teleform.provider.simulator.SimTestSupport.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code teleform sim} as a user runs it. The approved outputs show what the server holds after a
 * write, to be checked against ../shared/TELEPORT.md §4: defaults such as {@code max_session_ttl:
 * 30h0m0s}, {@code created_by}, the workload cluster's {@code status}.
 */
class SimToolTest {

    @TempDir
    Path dir;

    private final TestClock clock = SimFixture.clock();
    private ProviderConfig config;
    private Provider provider;

    private record Run(int exit, String out, String err) {}

    @BeforeEach
    void setUp() {
        config = SimFixture.config(dir.resolve("sim"), clock);
        provider = new SimulatorProviderFactory().open(config);
    }

    private Run sim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ProviderTool.Context context = new ProviderTool.Context(new PrintWriter(out, true), new PrintWriter(err, true),
                stack -> Either.right(config), clock);
        int exit = new SimTool().run(List.of(args), context);
        return new Run(exit, out.toString(), err.toString().replace(dir.toString(), "<dir>"));
    }

    /** Revisions are random UUIDs; everything else is fixed by the clock. */
    private static String stable(String text) {
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<revision>");
    }

    private void approve(String name, String text) {
        Approvals.verify(stable(text), new Options().forFile().withAdditionalInformation(name));
    }

    private ClusterTarget activeChild() {
        ok(provider.create(ClusterTarget.parent(), cluster("child")));
        clock.advance(SimFixture.DELAY);
        return ClusterTarget.child(ok(provider.bootstrap(ClusterTarget.parent(), "child")));
    }

    @Test
    void everySubcommandAnswersHelp() {
        for (String command : List.of("status", "get", "edit", "delete", "faults", "identity", "reset")) {
            Run run = sim(command, "--help");
            assertEquals(0, run.exit(), command + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: teleform sim " + command), command + ": " + run.out());
        }
    }

    @Test
    void getShowsARoleWithTheServersDefaults() {
        ObjectNode role = SimTestSupport.role("example");
        role.withObjectProperty("spec").withObjectProperty("options").put("max_session_ttl", "8h");
        ok(provider.create(activeChild(), role));
        Run run = sim("get", "role/example@child");
        assertEquals(0, run.exit(), run.err());
        approve("role", run.out());
    }

    @Test
    void getShowsAUserWithWhoCreatedIt() {
        ClusterTarget child = activeChild();
        ok(provider.create(child, SimTestSupport.role("example")));
        ok(provider.create(child, SimTestSupport.user("alice", "example")));
        approve("user", sim("get", "user/alice@child").out());
    }

    @Test
    void getShowsAWorkloadClusterWithItsStatus() {
        activeChild();
        approve("workload-cluster", sim("get", "workload_cluster/child", "--format", "json").out());
    }

    @Test
    void statusSummarisesClustersDeletionsFaultsAndCalls() {
        activeChild();
        ok(provider.create(ClusterTarget.parent(), cluster("second")));
        ok(provider.create(ClusterTarget.parent(), cluster("gone")));
        ok(provider.delete(ClusterTarget.parent(), ResourceKind.WORKLOAD_CLUSTER, "gone"));
        sim("faults", "--op", "create", "--transient-rate", "0.1", "--seed", "3");
        approve("status", sim("status").out().replace(dir.toString(), "<dir>"));
    }

    @Test
    void statusSaysOneOfAKindInTheSingular() {
        activeChild();
        assertTrue(sim("status").out().contains("\nparent cluster: 11 roles, 0 users, 1 workload cluster\n"),
                sim("status").out());
    }

    @Test
    void editChangesALiveResourceOutsideTeleform() {
        ClusterTarget child = activeChild();
        ok(provider.create(child, SimTestSupport.role("example")));
        String before = ok(provider.get(child, ResourceKind.ROLE, "example")).revision();
        Run run = sim("edit", "role/example@child", "--set", "spec.allow.logins=[root, admin]",
                "--set", "spec.options.max_session_ttl=2h");
        assertEquals(0, run.exit(), run.err());
        ObjectNode after = ok(provider.get(child, ResourceKind.ROLE, "example")).document();
        assertEquals("[\"root\",\"admin\"]", after.at("/spec/allow/logins").toString());
        assertEquals("2h0m0s", after.at("/spec/options/max_session_ttl").asString(), "the server's format again");
        assertTrue(!before.equals(after.at("/metadata/revision").asString()), "a new revision");
        assertEquals(1, sim("edit", "workload_cluster/child", "--set", "spec.regions=[]").exit());
        assertEquals(1, sim("edit", "role/nope@child", "--set", "a=b").exit());
    }

    @Test
    void deleteRemovesWhatTheBotCouldNot() {
        ClusterTarget child = activeChild();
        ok(provider.create(child, SimTestSupport.role("example")));
        assertTrue(provider.delete(child, ResourceKind.ROLE, "example").isLeft(), "the bot may not delete");
        Run run = sim("delete", "role/example@child");
        assertEquals(0, run.exit(), run.err());
        assertTrue(provider.get(child, ResourceKind.ROLE, "example").isLeft());
    }

    @Test
    void anIdentityFromSimIdentityCanDeleteInTheChild() throws Exception {
        ClusterTarget child = activeChild();
        ok(provider.create(child, SimTestSupport.role("example")));
        Path file = dir.resolve("child-admin.identity");
        Run run = sim("identity", "child", "--roles", "editor", "--out", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        ClusterTarget admin = ClusterTarget.child(ok(provider.login(ClusterTarget.parent(), "child", file)));
        ok(provider.delete(admin, ResourceKind.ROLE, "example"));
        assertTrue(provider.login(ClusterTarget.parent(), "second", file).isLeft(), "an identity is for one cluster");
    }

    @Test
    void faultsAreShownSetAndCleared() {
        Run set = sim("faults", "--op", "delete", "--fail-nth", "2", "--fail-with", "access_denied");
        assertEquals(0, set.exit(), set.err());
        assertTrue(set.out().contains("\"fail_nth\": 2"), set.out());
        assertEquals(1, sim("faults", "--op", "explode").exit());
        assertEquals("{}\n", sim("faults", "--clear").out());
    }

    @Test
    void unknownAddressesAndCommandsAreExplained() {
        Run bad = sim("get", "alice");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("is not an address"), bad.err());
        assertEquals(1, sim("get", "role/ghost").exit());
        assertEquals(1, sim("frobnicate").exit());
    }

    @Test
    void resetRemovesTheDataDirectory() {
        activeChild();
        assertEquals(0, sim("reset").exit());
        assertTrue(Files.notExists(dir.resolve("sim")));
        assertTrue(sim("status").out().startsWith("no simulator data"));
    }
}
