package dev.teleform.engine.operation.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

    @Test
    void aStepRanksByTheLongestChainOfStepsFromItToTheEndInWhichAWaitIsNoLink() {
        List<PlanStep> steps = Fleet.steps();
        CriticalPath path = CriticalPath.of(new Plan(PlanMode.NORMAL, steps, List.of(), Diagnostics.NONE, 0));
        Map<String, Integer> ranks = steps.stream().collect(Collectors.toMap(PlanStep::id, path::rank));

        assertEquals(Map.of(
                Fleet.CREATE_CLUSTER, 5,
                Fleet.WAIT, 4,
                Fleet.BOOTSTRAP, 4,
                Fleet.CREATE_ROLE, 3,
                Fleet.CREATE_OTHER_ROLE, 1,
                Fleet.CREATE_USER, 2,
                Fleet.INVITE, 1,
                Fleet.CREATE_PARENT_ROLE, 1), ranks);
    }

    @Test
    void aStepNotInThePlanHasNoRank() {
        CriticalPath path = CriticalPath.of(new Plan(PlanMode.NORMAL, Fleet.steps(), List.of(), Diagnostics.NONE, 0));
        PlanStep other = Fleet.steps().stream().collect(Collectors.toMap(PlanStep::id, Function.identity()))
                .get(Fleet.CREATE_PARENT_ROLE);

        assertEquals(0, path.rank(new PlanStep("create role/elsewhere", other.action(), List.of())));
    }
}
