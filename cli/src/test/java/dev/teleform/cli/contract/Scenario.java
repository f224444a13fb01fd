package dev.teleform.cli.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A generated scenario: a stack to start from and the steps that follow, all drawn from one seed, so a
 * failure is repeated by its seed alone. {@link #smaller()} lists the scenarios one simplification away,
 * which is how a failure is shrunk to the least that still shows it.
 */
record Scenario(long seed, StackModel initial, List<Step> steps) {

    private static final List<String> LOGINS = List.of("ubuntu", "admin", "ops", "dev", "deploy");
    private static final List<String> TTLS = List.of("8h", "8h0m0s", "30h", "1h30m");
    private static final List<String> WRITES = List.of("create", "update", "delete", "invite", "upsert");

    Scenario {
        steps = List.copyOf(steps);
    }

    static Scenario generate(long seed) {
        Draw draw = new Draw(new SplittableRandom(seed));
        int clusterCount = 1 + draw.below(4);
        List<String> clusters = IntStream.range(0, clusterCount).mapToObj(i -> "c" + i).toList();
        StackModel stack = new StackModel(clusters, Set.of(), List.of(), List.of());
        int roles = 1 + draw.below(6);
        for (int i = 0; i < roles; i++) {
            stack = Edits.apply(stack, new Step.AddRole("r" + i, draw.where(), draw.logins(), draw.ttl()));
        }
        int users = draw.below(5);
        for (int i = 0; i < users; i++) {
            stack = Edits.apply(stack, new Step.AddUser("u" + i, draw.where(), draw.below(100), draw.invite(),
                    draw.chance(0.3)));
        }
        if (draw.chance(0.2)) {
            stack = Edits.apply(stack, new Step.ProtectRole(draw.below(10), true));
        }
        if (draw.chance(0.2)) {
            stack = Edits.apply(stack, new Step.DeclarePreset(draw.below(5) - 1));
        }
        stack = stack.withSecret(draw.chance(0.3));
        List<Step> steps = new ArrayList<>();
        steps.add(draw.apply());
        int rounds = 1 + draw.below(3);
        for (int round = 0; round < rounds; round++) {
            int changes = 1 + draw.below(3);
            for (int c = 0; c < changes; c++) {
                steps.add(draw.change(round, c));
            }
            steps.add(draw.apply());
        }
        if (draw.chance(0.2)) {
            steps.add(new Step.AddRole(draw.fresh("nr"), draw.where(), draw.logins(), null));
            steps.add(new Step.HandMade(draw.fresh("hand"), 0, true));
            steps.add(new Step.Destroy());
        }
        return new Scenario(seed, stack, steps);
    }

    /**
     * Whether the bots of the scenario's workload clusters may not list users and roles, as Teleport Cloud does not
     * promise they may: half of the scenarios, by the seed's parity, so that drawing it changes no other choice.
     */
    boolean botsMayNotList() {
        return (seed & 1) == 1;
    }

    /**
     * Whether apply sees a provider that {@link dev.teleform.engine.provider.Provider#writesTogether writes together}
     * (the teleport provider does, over tctl), so that it writes each cluster's creates and updates as groups: half of
     * the scenarios, by the seed's second bit, so that drawing it changes no other choice.
     */
    boolean writesTogether() {
        return (seed & 2) == 2;
    }

    /** Scenarios one simplification away: a step fewer, a resource fewer, a cluster fewer, a fault fewer. */
    List<Scenario> smaller() {
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            List<Step> fewer = new ArrayList<>(steps);
            Step removed = fewer.remove(i);
            out.add(new Scenario(seed, initial, fewer));
            if (removed instanceof Step.Apply apply && apply.faulty()) {
                List<Step> calmer = new ArrayList<>(steps);
                calmer.set(i, Step.Apply.CLEAN);
                out.add(new Scenario(seed, initial, calmer));
            }
        }
        for (int i = 0; i < initial.users().size(); i++) {
            List<StackModel.User> users = new ArrayList<>(initial.users());
            users.remove(i);
            out.add(new Scenario(seed, initial.withUsers(users), steps));
        }
        for (int i = 0; i < initial.roles().size(); i++) {
            List<StackModel.Role> roles = new ArrayList<>(initial.roles());
            roles.remove(i);
            out.add(new Scenario(seed, initial.withRoles(roles), steps));
        }
        if (initial.clusters().size() > 1) {
            initial.clusters().forEach(cluster -> out.add(new Scenario(seed, initial.withoutCluster(cluster), steps)));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("seed ").append(seed).append(botsMayNotList() ? " (bots may not list)" : "")
                .append(writesTogether() ? " (writes together)" : "")
                .append("\n--- initial stack\n").append(initial)
                .append("--- steps\n");
        steps.forEach(step -> out.append("  ").append(step).append('\n'));
        return out.toString();
    }

    /** Random choices, each named by what it is for. */
    private static final class Draw {
        private final SplittableRandom random;
        private final Map<String, Integer> counters = new HashMap<>();

        Draw(SplittableRandom random) {
            this.random = random;
        }

        int below(int bound) {
            return random.nextInt(bound);
        }

        boolean chance(double p) {
            return random.nextDouble() < p;
        }

        String fresh(String prefix) {
            return prefix + counters.merge(prefix, 1, Integer::sum);
        }

        /** -1 is the parent; otherwise cluster indexes, sometimes two of them. */
        List<Integer> where() {
            double roll = random.nextDouble();
            if (roll < 0.2) {
                return List.of(-1);
            }
            int first = below(4);
            return roll < 0.8 ? List.of(first) : List.of(first, first + 1 + below(3));
        }

        List<String> logins() {
            Set<String> picked = new HashSet<>();
            int n = 1 + below(3);
            for (int i = 0; i < n; i++) {
                picked.add(LOGINS.get(below(LOGINS.size())));
            }
            return picked.stream().sorted().toList();
        }

        String ttl() {
            return chance(0.5) ? null : TTLS.get(below(TTLS.size()));
        }

        int invite() {
            return chance(0.25) ? 0 : 1 + below(24);
        }

        Step change(int round, int index) {
            int target = below(20);
            return switch (below(22)) {
                case 19 -> new Step.DeclarePreset(below(5) - 1);
                case 20 -> new Step.DropPreset(target);
                case 21 -> new Step.RotateSecret();
                case 0 -> new Step.AddRole(fresh("nr"), where(), logins(), ttl());
                case 1 -> new Step.RemoveRole(target);
                case 2 -> new Step.SetLogins(target, logins());
                case 3 -> new Step.SetTtl(target, ttl());
                case 4 -> new Step.SetLabel(target, chance(0.5) ? "team" : "env", chance(0.4) ? null : "v" + below(3));
                case 5 -> new Step.ProtectRole(target, chance(0.5));
                case 6 -> new Step.AddUser(fresh("nu"), where(), below(100), invite(), chance(0.3));
                case 7 -> new Step.RemoveUser(target);
                case 8 -> new Step.SetUserRoles(target, below(100));
                case 9 -> new Step.SetTraits(target, chance(0.3) ? List.of() : logins());
                case 10 -> new Step.SetInvite(target, invite());
                case 11 -> chance(0.5) ? new Step.AddCluster(fresh("n")) : new Step.RemoveCluster(target);
                case 12 -> new Step.GrantDelete(target);
                case 13 -> new Step.EditManaged(target);
                case 14 -> new Step.EditUnmanaged(target, chance(0.5));
                case 15 -> new Step.DeleteByHand(target, chance(0.5));
                case 16 -> new Step.HandMade(fresh("hand"), below(5) - 1, chance(0.4));
                case 17 -> new Step.SetPassword(target);
                default -> chance(0.3) ? new Step.DeleteClusterByHand(target) : new Step.IgnoreTraits(target, chance(0.5));
            };
        }

        Step.Apply apply() {
            boolean faulty = chance(0.6);
            int exclude = chance(0.15) ? below(1000) : -1;
            if (!faulty) {
                return new Step.Apply(0, "", 0, "", 0, 0, chance(0.85), chance(0.5), exclude);
            }
            double transientRate = chance(0.4) ? 0.2 : 0;
            String lost = chance(0.5) ? WRITES.get(below(WRITES.size())) : "";
            String failure = chance(0.2) ? WRITES.get(below(WRITES.size())) : "";
            int crashAt = chance(0.35) ? 1 + below(8) : 0;
            return new Step.Apply(transientRate, lost, 1 + below(3), failure, 1 + below(3), crashAt, chance(0.85),
                    chance(0.5), exclude);
        }
    }
}
