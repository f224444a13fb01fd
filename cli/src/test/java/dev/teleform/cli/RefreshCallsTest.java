package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.testing.StackSeeder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Refresh costs calls per cluster and kind, never per resource: a 20-cluster stack with 5 roles and
 * 5 users in each is planned with the same number of calls as one with a single role and user each,
 * whether the clusters' bots may list or read by name.
 */
class RefreshCallsTest {

    @TempDir
    Path dir;

    private void stack(int clusters, int perCluster) throws IOException {
        stack(clusters, perCluster, false);
    }

    private void stack(int clusters, int perCluster, boolean denyBotList) throws IOException {
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: calls}
                spec:
                  provider: simulator
                  simulator: {provisioning_delay: 0s, deny_bot_list: %s}
                """.formatted(denyBotList));
        Files.writeString(dir.resolve("parent.yaml"), "kind: role\nversion: v7\nmetadata: {name: ops}\nspec: {}\n");
        for (int c = 0; c < clusters; c++) {
            StringBuilder yaml = new StringBuilder("""
                    kind: workload_cluster
                    version: v1
                    metadata: {name: tenant-%1$d}
                    spec:
                      regions: [{name: us-west-2}]
                      bot: {name: bot-%1$d}
                      token: {join_method: iam, allow: [{aws_account: "123456789012", aws_arn: "arn:aws:iam::123456789012:role/*"}]}
                    """.formatted(c));
            for (int i = 0; i < perCluster; i++) {
                yaml.append("---\nkind: role\nversion: v7\nmetadata: {name: r").append(i).append("}\ncluster: tenant-")
                        .append(c).append("\nspec: {allow: {logins: [u").append(i).append("]}}\n");
                yaml.append("---\nkind: user\nversion: v2\nmetadata: {name: u").append(i).append("}\ncluster: tenant-")
                        .append(c).append("\nspec: {roles: [r").append(i).append("]}\n");
            }
            Files.writeString(dir.resolve("tenant-" + c + ".yaml"), yaml);
        }
    }

    /** Calls by operation during one plan of the applied stack. */
    private JsonNode callsOfOnePlan() throws IOException {
        StackSeeder.apply(dir);
        Files.deleteIfExists(dir.resolve(".teleform/sim/calls.log"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TeleformCli.run(new String[] {"plan", dir.toString(), "--detailed-exitcode"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, exit, out + "\n" + err);
        assertTrue(out.toString().startsWith("No changes."), out.toString());
        CliRun status = CliRun.of("sim", "-C", dir.toString(), "status", "--format", "json");
        assertEquals(0, status.exit(), status.err());
        return CanonicalJson.mapper().readTree(status.out()).path("calls");
    }

    @Test
    void aTwentyClusterPlanCostsCallsPerClusterAndKind() throws IOException {
        stack(20, 5);
        JsonNode calls = callsOfOnePlan();
        assertEquals(2 + 20 * 2, calls.path("list").asInt(), "parent: clusters and roles; each cluster: roles and users");
        assertEquals(1, calls.path("list role").asInt() - 20, "one role list in the parent");
        assertEquals(20, calls.path("bootstrap").asInt());
        assertEquals(40, calls.path("permissions").asInt());
        assertEquals(0, calls.path("get").asInt(), "never one call per resource");
        assertEquals(2 + 20 * 2 + 20 + 40, total(calls), calls::toString);
    }

    @Test
    void withBotsThatMayNotListEachClusterIsOneReadByNameAfterOneDeniedListing() throws IOException {
        stack(20, 5, true);
        JsonNode calls = callsOfOnePlan();
        assertEquals(2 + 1, calls.path("list").asInt(), "parent: clusters and roles; then the one bot denied its list");
        assertEquals(20, calls.path("get role,user").asInt(), "each cluster: its managed roles and users by name");
        assertEquals(20, calls.path("get").asInt(), "never one call per resource");
        assertEquals(20, calls.path("bootstrap").asInt());
        assertEquals(40, calls.path("permissions").asInt());
        long many = total(calls);
        assertEquals(3 + 20 + 20 + 40, many, calls::toString);
        TestFiles.deleteTree(dir);
        Files.createDirectories(dir);
        stack(20, 1, true);
        assertEquals(many, total(callsOfOnePlan()), "more resources per cluster cost no more calls");
    }

    @Test
    void moreResourcesPerClusterCostNoMoreCalls() throws IOException {
        stack(20, 1);
        long few = total(callsOfOnePlan());
        TestFiles.deleteTree(dir);
        Files.createDirectories(dir);
        stack(20, 5);
        assertEquals(few, total(callsOfOnePlan()));
    }

    private static long total(JsonNode calls) {
        long sum = 0;
        for (var entry : calls.properties()) {
            if (!entry.getKey().contains(" ")) {
                sum += entry.getValue().asLong();
            }
        }
        return sum;
    }
}
