package dev.teleform.engine.provider;

/** Which cluster a call goes to: the parent, or a workload cluster reached with its credentials. */
public sealed interface ClusterTarget {

    /** The name used in addresses: empty for the parent. */
    String clusterName();

    /** The parent Teleport Cloud cluster, reached with the provider's parent identity. */
    record Parent() implements ClusterTarget {
        @Override
        public String clusterName() {
            return "";
        }
    }

    /** A workload cluster, reached with credentials from {@link Provider#bootstrap} or {@link Provider#login}. */
    record Child(ClusterCredentials credentials) implements ClusterTarget {
        @Override
        public String clusterName() {
            return credentials.cluster();
        }
    }

    static ClusterTarget parent() {
        return new Parent();
    }

    static ClusterTarget child(ClusterCredentials credentials) {
        return new Child(credentials);
    }
}
