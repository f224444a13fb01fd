package dev.teleform.cli.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing that happens in a generated scenario: the stack is edited, someone changes Teleport by hand,
 * or Teleform applies (under faults). Steps name what they touch by index, taken modulo what exists when
 * they run, so a scenario stays meaningful when shrinking removes earlier steps or resources.
 */
sealed interface Step {

    // ---- edits of the stack, as a platform engineer makes them in a pull request

    record AddRole(String name, List<Integer> where, List<String> logins, String ttl) implements Step {}

    record RemoveRole(int index) implements Step {}

    record SetLogins(int index, List<String> logins) implements Step {}

    /** Sets or drops {@code options.max_session_ttl} (null drops it). */
    record SetTtl(int index, String ttl) implements Step {}

    /** Sets or drops a metadata label (null drops it). */
    record SetLabel(int index, String key, String value) implements Step {}

    record ProtectRole(int index, boolean protect) implements Step {}

    record AddUser(String name, List<Integer> where, int roleSeed, int invite, boolean ignoreTraits) implements Step {}

    record RemoveUser(int index) implements Step {}

    record SetUserRoles(int index, int roleSeed) implements Step {}

    record SetTraits(int index, List<String> logins) implements Step {}

    record SetInvite(int index, int hours) implements Step {}

    record IgnoreTraits(int index, boolean ignore) implements Step {}

    record AddCluster(String name) implements Step {}

    record RemoveCluster(int index) implements Step {}

    /** The stack declares Teleport's preset role {@code auditor} as Teleport has it, in the parent or a cluster. */
    record DeclarePreset(int where) implements Step {}

    record DropPreset(int index) implements Step {}

    /** The sensitive variable gets a new value (a rotated secret). */
    record RotateSecret() implements Step {}

    /** The stack names an identity file for the cluster that may delete roles and users. */
    record GrantDelete(int index) implements Step {}

    // ---- changes made outside Teleform

    /** A managed field of a live role (its logins) set by hand. */
    record EditManaged(int index) implements Step {}

    /** A field the stack does not set (a role's kubernetes_groups, a user's traits) set by hand. */
    record EditUnmanaged(int index, boolean user) implements Step {}

    /** A managed role or user deleted by hand. */
    record DeleteByHand(int index, boolean user) implements Step {}

    /**
     * A role made by hand in the parent or a cluster: one nobody declared, or (namesake) one with the name
     * of a declared role that was never applied.
     */
    record HandMade(String name, int where, boolean namesake) implements Step {}

    /** The user completes sign-up: its password is set. */
    record SetPassword(int index) implements Step {}

    /** A managed workload cluster deleted by hand: its name stays in Teleport Cloud's restore window. */
    record DeleteClusterByHand(int index) implements Step {}

    // ---- Teleform runs

    /** {@code teleform destroy --allow-destroy}: always the last step, since deleted clusters cannot come back. */
    record Destroy() implements Step {}

    /**
     * {@code teleform apply} under faults.
     *
     * @param transientRate share of writes that fail transiently (retried)
     * @param lostAnswer    a write operation whose Nth call is carried out but its answer lost ("" for none)
     * @param lostNth       which call of {@code lostAnswer}
     * @param failure       a write operation whose Nth call fails for good ("" for none)
     * @param failNth       which call of {@code failure}
     * @param crashAt       the process dies right after this write call (0: it does not)
     * @param deliver       whether invite links have somewhere to go
     * @param eager         checkpoint after every step instead of every second
     * @param exclude       {@code --exclude} of the stack's resource at this index, by address order (-1: none)
     */
    record Apply(double transientRate, String lostAnswer, int lostNth, String failure, int failNth, int crashAt,
            boolean deliver, boolean eager, int exclude) implements Step {

        static final Apply CLEAN = new Apply(0, "", 0, "", 0, 0, true, false, -1);

        boolean faulty() {
            return transientRate > 0 || !lostAnswer.isEmpty() || !failure.isEmpty() || crashAt > 0;
        }

        /** The {@code teleform sim faults} invocations that set this apply's faults. */
        List<List<String>> faultCommands(long seed) {
            List<List<String>> commands = new ArrayList<>();
            if (transientRate > 0) {
                for (String op : List.of("create", "update", "delete", "invite", "upsert")) {
                    commands.add(List.of("--op", op, "--transient-rate", String.valueOf(transientRate), "--seed",
                            String.valueOf(seed)));
                }
            }
            if (!lostAnswer.isEmpty()) {
                commands.add(List.of("--op", lostAnswer, "--fail-nth", String.valueOf(lostNth), "--fail-with",
                        "answer_lost"));
            }
            if (!failure.isEmpty() && !failure.equals(lostAnswer)) {
                commands.add(List.of("--op", failure, "--fail-nth", String.valueOf(failNth), "--fail-with",
                        "bad_parameter"));
            }
            return commands;
        }
    }
}
