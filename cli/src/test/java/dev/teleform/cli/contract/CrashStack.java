package dev.teleform.cli.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/** The stack both crash tests apply: per workload cluster a role and a user, provisioned at once. */
public final class CrashStack {

    private CrashStack() {
    }

    /** With users that are not invited: {@link #write(Path, String, int, boolean)}. */
    public static void write(Path dir, String name, int clusters) throws IOException {
        write(dir, name, clusters, false);
    }

    /** @param invited whether each user is invited (its create makes it with a sign-up link, which apply delivers) */
    public static void write(Path dir, String name, int clusters, boolean invited) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: %s}
                spec:
                  provider: simulator
                  simulator: {provisioning_delay: 0s}
                """.formatted(name));
        for (int c = 0; c < clusters; c++) {
            Files.writeString(dir.resolve("c" + c + ".yaml"), """
                    kind: workload_cluster
                    version: v1
                    metadata: {name: c%1$d}
                    spec:
                      regions: [{name: us-west-2}]
                      bot: {name: bot%1$d}
                      token: {join_method: iam, allow: [{aws_account: "123456789012", aws_arn: "arn:aws:iam::123456789012:role/*"}]}
                    ---
                    kind: role
                    version: v7
                    metadata: {name: team}
                    cluster: c%1$d
                    spec: {allow: {logins: [ubuntu]}}
                    ---
                    kind: user
                    version: v2
                    metadata: {name: alice}
                    cluster: c%1$d
                    spec: {roles: [team]}
                    invite: %2$s
                    """.formatted(c, invited ? "{ttl: 2h}" : "false"));
        }
    }

    /**
     * Asserts, from {@code teleform sim status --format json}, that no kind was created more often than each
     * cluster declares it once; returns how many creations were recorded.
     */
    public static long createdOnce(String statusJson, int clusters, String where) {
        JsonNode created = CanonicalJson.mapper().readTree(statusJson).path("created");
        long total = 0;
        for (String kind : new String[] {"workload_cluster", "role", "user"}) {
            long count = created.path(kind).asLong(0);
            assertTrue(count <= clusters, kind + " created " + count + " times for " + clusters + " declared: " + where);
            total += count;
        }
        return total;
    }
}
