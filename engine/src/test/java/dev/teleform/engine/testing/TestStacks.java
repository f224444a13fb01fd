package dev.teleform.engine.testing;

/** Stack documents tests across the modules write as they are, so that each need not spell them out again. */
public final class TestStacks {

    /** Workload cluster {@code child}, joined as bot {@code example-iam} by AWS role {@code ci}. */
    public static final String WORKLOAD_CLUSTER = workloadCluster("ci");

    /** Workload cluster {@code child}, joined as bot {@code example-iam} by AWS role {@code role} of account 123456789012. */
    public static String workloadCluster(String role) {
        return """
                kind: workload_cluster
                version: v1
                metadata:
                  name: child
                spec:
                  regions: [{name: us-west-2}]
                  bot: {name: example-iam}
                  token:
                    join_method: iam
                    allow: [{aws_account: "123456789012", aws_arn: "arn:aws:iam::123456789012:role/%s"}]
                """.formatted(role);
    }

    private TestStacks() {
    }
}
