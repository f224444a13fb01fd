package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/tenants as the README shows it: 50 tenants stamped from tenants.yaml with a baseline in every cluster;
 * applied, it converges, and one more line in tenants.yaml plans exactly that tenant's cluster and contents.
 */
class TenantsExampleTest {

    @TempDir
    Path dir;

    @Test
    void fiftyTenantsApplyAndOneMoreLineAddsOneTenant() throws IOException {
        Path stack = dir.resolve("tenants");
        TestFiles.copyCheckedIn(Path.of("../examples/tenants"), stack);
        Files.writeString(stack.resolve("stack.yaml"), Files.readString(stack.resolve("stack.yaml"))
                .replace("provisioning_delay: 2s", "provisioning_delay: 0s"));
        CliRun valid = CliRun.on("validate", stack);
        assertEquals(0, valid.exit(), valid.err());
        assertTrue(valid.out().contains("50 workload clusters, 100 roles, 50 users"), valid.out());
        CliRun applied = CliRun.on("apply", stack, "--auto-approve", "--invites-out", dir.resolve("links").toString());
        assertEquals(0, applied.exit(), applied.err());
        assertTrue(applied.out().contains("Apply complete: 200 created, 50 invited."), applied.out());
        assertEquals(0, CliRun.on("plan", stack, "--detailed-exitcode").exit(), "converged");

        Files.writeString(stack.resolve("tenants.yaml"), "zeta: {region: us-west-2, admin: zoe-zeta, login: zeta}\n",
                StandardOpenOption.APPEND);
        CliRun plan = CliRun.on("plan", stack, "--detailed-exitcode");
        assertEquals(2, plan.exit(), plan.err());
        for (String step : new String[] {"+ workload_cluster/zeta", "+ role/support-reader@zeta",
            "+ role/tenant-admin@zeta", "+ user/zoe-zeta@zeta", "+ invite for user/zoe-zeta@zeta"}) {
            assertTrue(plan.out().contains(step), plan.out());
        }
        assertTrue(plan.out().contains("Plan: 4 to create, 0 to update, 0 to replace, 0 to delete."), plan.out());
    }
}
