package dev.teleform.provider.simulator.cloud;

import dev.teleform.provider.simulator.store.SimStore;
import java.util.List;

/**
 * An authenticated identity calling the simulated Teleport.
 *
 * @param cluster     the cluster it belongs to ({@link SimStore#PARENT} or a workload cluster name)
 * @param user        its user name ({@code admin}, {@code bot-example-iam})
 * @param roles       the roles it holds in that cluster
 * @param bot         whether it is a Machine ID bot rather than a person
 * @param mfaVerified whether it passed an MFA check for admin actions: a person at a terminal, as
 *                    {@code teleform sim}'s console acts; never a Teleform run, which no person attends
 */
public record Caller(String cluster, String user, List<String> roles, boolean bot, boolean mfaVerified) {

    public Caller {
        roles = List.copyOf(roles);
    }

    /** A caller that passed no MFA check. */
    public Caller(String cluster, String user, List<String> roles, boolean bot) {
        this(cluster, user, roles, bot, false);
    }

    /** The parent cluster's built-in administrator, used when a stack names no parent identity. */
    public static Caller parentAdmin() {
        return new Caller(SimStore.PARENT, "admin", List.of("editor"), false);
    }

    boolean inParent() {
        return SimStore.PARENT.equals(cluster);
    }
}
