package dev.teleform.engine.provider;

import java.util.Optional;

/** Which cluster a call goes to: the parent, or a workload cluster reached with its credentials. */
public sealed interface ClusterTarget {

    /** The name used in addresses: empty for the parent. */
    String clusterName();

    /**
     * The parent Teleport Cloud cluster: with the credentials of a bot that joined it ({@link Provider#joinParent},
     * {@code spec.parent.join}), or without, as the provider reaches it by its own settings
     * ({@code spec.parent.identity_file}, or the user's own session).
     */
    record Parent(Optional<ClusterCredentials> credentials) implements ClusterTarget {
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

    /** The parent as the provider's own settings reach it. */
    static Parent parent() {
        return new Parent(Optional.empty());
    }

    /** The parent, reached as the bot these credentials are for. */
    static Parent parent(ClusterCredentials credentials) {
        return new Parent(Optional.of(credentials));
    }

    static ClusterTarget child(ClusterCredentials credentials) {
        return new Child(credentials);
    }
}
