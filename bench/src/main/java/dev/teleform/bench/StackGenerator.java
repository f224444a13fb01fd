package dev.teleform.bench;

import dev.teleform.cli.FleetDocuments;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a synthetic fleet stack: {@code clusters} workload clusters, each with {@code roles} roles
 * and {@code users} users, one file per cluster plus the stack document and a parent role file.
 * Roles look like real ones (logins, labels, rules, options) so validation does real work. Users are
 * invited (a new one gets a sign-up link) unless {@code invites} is false ({@code invite: false}).
 */
public record StackGenerator(int clusters, int roles, int users, boolean invites) {

    public StackGenerator(int clusters, int roles, int users) {
        this(clusters, roles, users, true);
    }

    public int resourceCount() {
        return clusters * (1 + roles + users);
    }

    public void write(Path dir) throws IOException {
        write(dir, "0s");
    }

    /** Writes the stack with the simulator taking {@code provisioningDelay} (a Go duration) to provision a cluster. */
    public void write(Path dir, String provisioningDelay) throws IOException {
        write(dir, provisioningDelay, false);
    }

    /** ... and with {@code denyBotList}, the bot of each new workload cluster refused {@code list} on users and roles. */
    public void write(Path dir, String provisioningDelay, boolean denyBotList) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata:
                  name: fleet
                spec:
                  provider: simulator
                  simulator: {provisioning_delay: %s, deny_bot_list: %s}
                """.formatted(provisioningDelay, denyBotList));
        for (int c = 0; c < clusters; c++) {
            try (Writer out = Files.newBufferedWriter(dir.resolve(String.format("cluster-%03d.yaml", c)))) {
                writeCluster(out, "tenant-" + c);
            }
        }
    }

    private void writeCluster(Writer out, String cluster) throws IOException {
        out.write(FleetDocuments.workloadCluster(cluster));
        for (int r = 0; r < roles; r++) {
            out.write(FleetDocuments.role(cluster, r, ""));
        }
        for (int u = 0; u < users; u++) {
            out.write(FleetDocuments.user(cluster, u, List.of("team-" + (u % roles), "access"), invites));
        }
    }
}
