package dev.teleform.bench;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lower bounds on carrying a plan out when every provider call takes {@code call} and a new workload cluster
 * becomes active {@code provisioning} after its create: no schedule, however clever, ends sooner.
 *
 * <p>What each step costs, as apply makes its calls with somewhere to deliver links: one call, except an adopt
 * (none), the invite of a user the plan creates or replaces (none: the link comes with the create), and a wait,
 * which ends {@code provisioning} after its create at the earliest and needs one status call in the parent's
 * slots that reads the cluster active (the create's own answer says provisioning), so ending no earlier.
 *
 * <ul>
 * <li>{@link #critical()}: the longest chain of dependent steps, with unlimited slots.</li>
 * <li>{@link #floor()}: also the slot limits: the calls of one group (a Teleport cluster under
 * {@code --parallelism}, or all calls under {@code --max-calls}) that cannot start before t still need
 * ceil(k / slots) call times after t.</li>
 * </ul>
 */
record ApplyFloors(Duration critical, Duration floor, int calls) {

    /** One provider call of the plan: the Teleport cluster it takes a slot of, and the earliest it can start. */
    private record Call(String cluster, Duration earliestStart) {}

    static ApplyFloors of(List<PlanStep> steps, Duration call, Duration provisioning, int parallelism, int maxCalls) {
        Set<Address> made = steps.stream().map(PlanStep::action)
                .filter(action -> action instanceof Action.Create || action instanceof Action.Replace)
                .map(Action::address).collect(Collectors.toSet());
        Function<PlanStep, Duration> cost = step -> switch (step.action()) {
            case Action.Wait wait -> provisioning;
            case Action.Adopt adopt -> Duration.ZERO;
            case Action.Invite invite -> made.contains(invite.address()) ? Duration.ZERO : call;
            default -> call;
        };
        Map<String, Duration> finish = earliestFinish(steps, cost);
        Duration critical = finish.values().stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        List<Call> calls = new ArrayList<>();
        for (PlanStep step : steps) {
            Duration end = finish.get(step.id());
            if (step.action() instanceof Action.Wait) {
                if (!provisioning.isZero()) {
                    calls.add(new Call("", max(Duration.ZERO, end.minus(call))));
                }
            } else if (!cost.apply(step).isZero()) {
                calls.add(new Call(step.action().address().cluster(), end.minus(call)));
            }
        }
        Duration limited = max(slotsFloor(calls, c -> "", call, maxCalls), slotsFloor(calls, Call::cluster, call,
                parallelism));
        return new ApplyFloors(critical, max(critical, limited), calls.size());
    }

    /** When each step can end at the earliest with unlimited slots; the largest is the critical path. */
    private static Map<String, Duration> earliestFinish(List<PlanStep> steps, Function<PlanStep, Duration> cost) {
        Map<String, Duration> finish = new HashMap<>();
        // plan steps come in an order where each follows the steps it depends on
        for (PlanStep step : steps) {
            Duration ready = step.dependsOn().stream().map(finish::get).max(Comparator.naturalOrder())
                    .orElse(Duration.ZERO);
            finish.put(step.id(), ready.plus(cost.apply(step)));
        }
        return finish;
    }

    private static Duration slotsFloor(List<Call> calls, Function<Call, String> group, Duration call, int slots) {
        Duration best = Duration.ZERO;
        for (List<Call> members : calls.stream().collect(Collectors.groupingBy(group)).values()) {
            List<Duration> starts = members.stream().map(Call::earliestStart).sorted(Comparator.reverseOrder()).toList();
            for (int k = 1; k <= starts.size(); k++) {
                best = max(best, starts.get(k - 1).plus(call.multipliedBy((k + slots - 1) / slots)));
            }
        }
        return best;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
