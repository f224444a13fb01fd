package dev.teleform.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The documents of a generated fleet, shaped like real ones (roles with logins, labels, rules and options; users
 * with roles and traits) so that validating, planning and applying them does real work: what the launcher's AOT
 * training runs on ({@link AotTraining}), what the benchmarks time, and the tests of the teleport provider.
 */
public final class FleetDocuments {

    private FleetDocuments() {
    }

    /**
     * The stack document of a fleet on provider {@code teleport}: the parent at {@code proxy}, reached with
     * {@code parentIdentity}, and {@code tctl} and {@code tbot} as its tools (null: found on PATH).
     */
    public static String teleportStack(String proxy, Path parentIdentity, String tctl, String tbot) {
        return """
                kind: stack
                version: v1
                metadata: {name: fleet}
                spec:
                  provider: teleport
                  parent: {proxy: "%s", identity_file: "%s"}
                """.formatted(proxy, parentIdentity) + (tctl == null ? "" : """
                  bootstrap: {tctl: "%s", tbot: "%s"}
                """.formatted(tctl, tbot));
    }

    /** A workload cluster whose bot the simulator's IAM join lets in. */
    public static String workloadCluster(String name) {
        return """
                kind: workload_cluster
                version: v1
                metadata:
                  name: %1$s
                spec:
                  regions:
                    - name: us-west-2
                  bot:
                    name: %1$s-bot
                  token:
                    join_method: iam
                    allow:
                      - aws_account: "123456789012"
                        aws_arn: "arn:aws:iam::123456789012:role/*"
                """.formatted(name);
    }

    /** Role {@code team-N} of {@code cluster}, described as {@code Access for team N} and {@code more}, if any. */
    public static String role(String cluster, int team, String more) {
        return """
                ---
                kind: role
                version: v7
                metadata:
                  name: team-%2$d
                  description: Access for team %2$d%3$s
                cluster: %1$s
                spec:
                  options:
                    max_session_ttl: 8h
                    forward_agent: false
                  allow:
                    logins: [ubuntu, "team%2$d"]
                    node_labels:
                      team: "%2$d"
                      env: [dev, staging]
                    rules:
                      - resources: [session]
                        verbs: [list, read]
                  deny:
                    logins: [root]
                """.formatted(cluster, team, more);
    }

    /** User {@code user-N@example.com} of {@code cluster} with {@code roles}, invited (a 2h link) or not. */
    public static String user(String cluster, int number, List<String> roles, boolean invited) {
        return """
                ---
                kind: user
                version: v2
                metadata:
                  name: user-%2$d@example.com
                cluster: %1$s
                spec:
                  roles: [%3$s]
                  traits:
                    logins: ["u%2$d"]
                %4$s""".formatted(cluster, number, String.join(", ", roles),
                invited ? "invite:\n  ttl: 2h\n" : "invite: false\n");
    }
}
