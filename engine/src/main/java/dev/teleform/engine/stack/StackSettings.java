package dev.teleform.engine.stack;

import dev.teleform.engine.provider.BotJoin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code kind: stack} document, with defaults filled in (DESIGN.md §3).
 *
 * @param name        {@code metadata.name}; also names the state lock
 * @param provider    {@code teleport} or {@code simulator}
 * @param parent      how to reach the parent cluster
 * @param state       where state lives
 * @param bootstrap   binaries for the teleport provider
 * @param waitTimeout how long to wait for a new workload cluster to become active
 * @param clusters    per workload cluster overrides, by cluster name
 * @param simulator   simulator settings (used by {@code provider: simulator})
 * @param include     extra file globs below the stack directory
 * @param deliverInvites {@code spec.invites.deliver}: the program new invite links are handed to, if any
 */
public record StackSettings(String name, String provider, Parent parent, State state, Bootstrap bootstrap,
        Duration waitTimeout, Map<String, ClusterOverride> clusters, Simulator simulator, List<String> include,
        Optional<DeliverInvites> deliverInvites) {

    public StackSettings {
        clusters = Map.copyOf(clusters);
        include = List.copyOf(include);
    }

    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(30);

    /**
     * A program each new invite link is handed to, as written in the stack ({@code spec.invites.deliver}).
     *
     * @param exec    the program and its arguments, never empty; a relative program path is relative to the stack
     *                directory
     * @param timeout how long one run of it may take
     */
    public record DeliverInvites(List<String> exec, Duration timeout) {

        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

        public DeliverInvites {
            exec = List.copyOf(exec);
            if (exec.isEmpty()) {
                throw new IllegalArgumentException("exec names no program");
            }
        }
    }

    /**
     * The parent Teleport Cloud cluster and who Teleform is there: a person's identity file (a laptop), a Machine ID
     * bot that joins for the run (CI), or, with neither, the user's own session. Never both.
     *
     * @param join {@code spec.parent.join}
     */
    public record Parent(Optional<String> proxy, Optional<String> identityFile, Optional<BotJoin> join) {}

    /**
     * The git repository holding state.
     *
     * @param repo   repository path, relative to the stack directory unless absolute
     * @param remote    git URL to sync with, if any
     * @param lockLease how old a lock's heartbeat may get before another run may take the lock over
     * @param sshKey    {@code spec.state.ssh_key}: the private key for an SSH remote, or the path of its file; none
     *                  means ssh-agent's keys. Sensitive: {@link #toString()} leaves it out
     * @param knownHosts {@code spec.state.known_hosts}: the known_hosts file an SSH remote's host key is checked
     *                  against, as written; none means ~/.ssh/known_hosts
     */
    public record State(Path repo, String branch, String file, Optional<String> remote, Duration lockLease,
            Optional<String> sshKey, Optional<String> knownHosts) {

        /** State in a repository needing no SSH settings of its own. */
        public State(Path repo, String branch, String file, Optional<String> remote, Duration lockLease) {
            this(repo, branch, file, remote, lockLease, Optional.empty(), Optional.empty());
        }

        @Override
        public String toString() {
            return "State[repo=" + repo + ", branch=" + branch + ", file=" + file + ", remote=" + remote
                    + ", lockLease=" + lockLease + ", sshKey=" + sshKey.map(key -> "(sensitive)") + ", knownHosts="
                    + knownHosts + "]";
        }
    }

    /** The {@code tbot} and {@code tctl} binaries (names on PATH or paths). */
    public record Bootstrap(String tbot, String tctl) {}

    /** Settings for one workload cluster, such as an identity allowed to delete. */
    public record ClusterOverride(Optional<String> identityFile) {}

    /**
     * The embedded simulator.
     *
     * @param dir               data directory
     * @param provisioningDelay how long a new workload cluster takes to become active
     * @param awsAccount        AWS account of the caller identity its IAM join checks
     * @param awsArn            ARN of that caller identity
     * @param denyBotList       whether the bot of a new workload cluster is refused {@code list} on users and roles
     * @param provisioningReads when above 0, a new workload cluster is active at the Nth read of its status instead
     */
    public record Simulator(Path dir, Duration provisioningDelay, String awsAccount, String awsArn, boolean denyBotList,
            int provisioningReads) {

        /** A simulator that provisions in time. */
        public Simulator(Path dir, Duration provisioningDelay, String awsAccount, String awsArn, boolean denyBotList) {
            this(dir, provisioningDelay, awsAccount, awsArn, denyBotList, 0);
        }
    }
}
