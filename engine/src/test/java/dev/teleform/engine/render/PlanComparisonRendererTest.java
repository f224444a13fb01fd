package dev.teleform.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.plan.PlanComparison;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanComparisonRendererTest {

    @Test
    void aStepThePlanMadeNowCouldNotSeeSaysWhyAndIsNotWhatIsLeft() {
        PlanComparison comparison = new PlanComparison(0, List.of(new PlanComparison.UnseenNow(
                "create role/example@child", "its workload cluster's contents are unknown until it is active")));
        assertEquals("""
                The plan made now differs from the saved plan reviewed.plan in 1 place:

                - create role/example@child   (only in the saved plan; the plan made now could not see it: its \
                workload cluster's contents are unknown until it is active)
                """, PlanComparisonRenderer.text(comparison, "reviewed.plan"));
    }
}
