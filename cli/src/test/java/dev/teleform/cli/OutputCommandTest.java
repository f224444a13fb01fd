package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.testing.StackSeeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** teleform output: a stack's workload clusters for scripts, from state, or live with --refresh. */
class OutputCommandTest {

    @TempDir
    Path dir;

    static final Schema OUTPUT_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/output.schema.json"));

    /** Two clusters, alpha with a role and two users, beta with a role; a role in the parent. */
    private void fleet(String provisioningDelay) throws IOException {
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: outputs}
                spec:
                  provider: simulator
                  state: {repo: .teleform/state.git}
                  simulator:
                    dir: .teleform/sim
                    provisioning_delay: %s
                    aws: {account: "123456789012", arn: "arn:aws:iam::123456789012:role/sim"}
                """.formatted(provisioningDelay));
        StringBuilder clusters = new StringBuilder();
        for (String name : List.of("beta", "alpha")) {
            clusters.append("""
                    kind: workload_cluster
                    version: v1
                    metadata: {name: %1$s}
                    spec:
                      regions: [{name: us-west-2}]
                      bot: {name: %1$s-bot}
                      token:
                        join_method: iam
                        allow: [{aws_account: "123456789012", aws_arn: "arn:aws:iam::123456789012:role/sim"}]
                    ---
                    kind: role
                    version: v7
                    metadata: {name: admin}
                    cluster: %1$s
                    spec: {allow: {logins: [root]}}
                    ---
                    """.formatted(name));
        }
        Files.writeString(dir.resolve("clusters.yaml"), clusters + """
                kind: user
                version: v2
                metadata: {name: ops}
                cluster: alpha
                spec: {roles: [admin]}
                ---
                kind: user
                version: v2
                metadata: {name: oncall}
                cluster: alpha
                spec: {roles: [admin]}
                ---
                kind: role
                version: v7
                metadata: {name: log-reader}
                spec: {allow: {logins: [audit]}}
                """);
    }

    private CliRun output(String... more) {
        return CliRun.on("output", dir, more);
    }

    private JsonNode json(CliRun run) {
        assertEquals(0, run.exit(), run.err());
        JsonNode json = CanonicalJson.mapper().readTree(run.out());
        List<Error> errors = OUTPUT_SCHEMA.validate(json);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), run.out());
        return json;
    }

    private void apply() {
        CliRun apply = CliRun.of("apply", dir.toString(), "--auto-approve");
        assertEquals(0, apply.exit(), apply.out() + apply.err());
    }

    /** The clusters came up after their create answered: the domain state holds is the one the wait saw. */
    @Test
    void afterAnApplyEachClustersDomainStateAndBotComeFromState() throws IOException {
        fleet("1s");
        apply();
        CliRun text = output();
        assertEquals(0, text.exit(), text.err());
        assertEquals("", text.err());
        Approvals.verify(text.out(), new Options().forFile().withAdditionalInformation("text"));
        CliRun json = output("--format", "json");
        json(json);
        Approvals.verify(json.out(), new Options().forFile().withAdditionalInformation("json"));
    }

    @Test
    void aStackNeverAppliedHasNoClusters() throws IOException {
        fleet("0s");
        CliRun text = output();
        assertEquals(0, text.exit(), text.err());
        assertEquals("""
                stack outputs: from state (--refresh reads domain and state live)
                CLUSTER   STATE  DOMAIN  BOT  ROLES  USERS
                (parent)                          0      0
                state holds no workload cluster
                """, text.out());
        JsonNode json = json(output("--format", "json"));
        assertEquals("{\"stack\":\"outputs\",\"source\":\"state\",\"clusters\":[],\"parent\":{\"roles\":0,\"users\":0}}",
                json.toString());
        assertEquals(0, output("--refresh").exit(), "nothing to read live either");
    }

    @Test
    void withoutRefreshNoClusterIsCalled() throws IOException {
        fleet("0s");
        apply();
        Path calls = dir.resolve(".teleform/sim/calls.log");
        Files.deleteIfExists(calls);
        assertEquals(0, output().exit());
        assertEquals(0, output("--format", "json").exit());
        assertEquals("{}", simCalls().toString());

        assertEquals(0, output("--refresh").exit());
        assertEquals("{\"get\":1,\"get workload_cluster\":1}", simCalls().toString(),
                "one read of every cluster's status, and nothing else");
    }

    private JsonNode simCalls() {
        CliRun status = CliRun.of("sim", "-C", dir.toString(), "status", "--format", "json");
        assertEquals(0, status.exit(), status.err());
        return CanonicalJson.mapper().readTree(status.out()).path("calls");
    }

    /** State recorded no status (as before waits kept one); --refresh shows what Teleport Cloud says now. */
    @Test
    void refreshShowsTheLiveStatusAndWritesNothing() throws IOException {
        fleet("0s");
        StackSeeder.apply(dir);
        JsonNode recorded = json(output("--format", "json"));
        assertEquals("state", recorded.path("source").asString());
        assertTrue(recorded.path("clusters").get(0).path("domain").isNull(), recorded::toString);
        assertEquals("state recorded no status for it; --refresh reads it live",
                recorded.path("clusters").get(0).path("why").asString());
        String history = CliRun.of("state", "history", dir.toString()).out();

        CliRun sim = CliRun.of("sim", "-C", dir.toString(), "delete", "workload_cluster/beta");
        assertEquals(0, sim.exit(), sim.out() + sim.err());
        CliRun refreshed = output("--refresh");
        assertEquals(0, refreshed.exit(), refreshed.err());
        assertEquals("""
                stack outputs: domain and state read live from Teleport Cloud
                CLUSTER   STATE   DOMAIN             BOT        ROLES  USERS
                alpha     active  alpha.teleport.sh  alpha-bot      1      2
                beta      -       -                  beta-bot       1      0
                (parent)                                            1      0
                beta: Teleport Cloud has no workload cluster of this name
                """, refreshed.out());
        JsonNode live = json(output("--refresh", "--format", "json"));
        assertEquals("live", live.path("source").asString());
        assertEquals("alpha.teleport.sh", live.path("clusters").get(0).path("domain").asString());
        assertEquals(history, CliRun.of("state", "history", dir.toString()).out(), "state is not written");
        assertTrue(output().out().contains("alpha: state recorded no status for it"), "state still has what it had");
    }

    @Test
    void aLiveReadThatFailsPrintsNothingAndSaysWhy() throws IOException {
        fleet("0s");
        apply();
        assertEquals(0, CliRun.of("sim", "-C", dir.toString(), "faults", "--op", "get", "--fail-nth", "1",
                "--fail-with", "access_denied").exit());
        CliRun refreshed = output("--refresh", "--format", "json");
        assertEquals(1, refreshed.exit(), refreshed.out());
        assertEquals("", refreshed.out(), "no half-live answer for a script to take as true");
        assertTrue(refreshed.err().contains("cannot read the workload clusters' status: "), refreshed.err());
        assertEquals(0, output("--refresh").exit(), "the fault was for one call");
    }
}
