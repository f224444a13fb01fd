package dev.teleform.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

class PlanOutputTest {

    private static final Diagnostic UNKNOWN_ROLE = Diagnostic.warning(new SourcePosition(Path.of("stack/users.yaml"), 7, 3),
            "spec.roles[0]", "role auditor is defined neither by the stack nor by the cluster");
    private static final Diagnostic REFUSED = Diagnostic.error(new SourcePosition(Path.of("stack/roles.yaml"), 2, 1),
            "", "role/example@child is protected by lifecycle.prevent_destroy");

    private record Printed(String out, String err) {}

    private static Printed print(Plan plan, PlanOutput.Format format) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PlanOutput.print(plan, "prod", format, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Printed(out.toString(), err.toString());
    }

    private static Plan plan(Diagnostic... problems) {
        return new Plan(PlanMode.NORMAL, List.of(Steps.CREATE, Steps.INVITE), List.of(), new Diagnostics(List.of(problems)),
                3);
    }

    @Test
    void aPlanThatCanBeAppliedIsTextOnStdoutAndItsWarningsGoToStderr() {
        Printed printed = print(plan(UNKNOWN_ROLE), PlanOutput.Format.TEXT);
        assertEquals("""
                Teleform will perform these steps, in this order:

                  + role/example@child
                  + invite for user/alice@child (link valid 2h)

                Plan: 1 to create, 0 to update, 0 to replace, 0 to delete. (1 invite)
                """, printed.out());
        assertEquals("stack/users.yaml:7:3: warning: spec.roles[0]: role auditor is defined neither by the stack nor "
                + "by the cluster\n", printed.err());
    }

    @Test
    void aRefusedPlanIsNotPrintedAsTextOnlyItsProblemsAre() {
        Printed printed = print(plan(UNKNOWN_ROLE, REFUSED), PlanOutput.Format.TEXT);
        assertEquals("", printed.out());
        assertEquals("""
                stack/roles.yaml:2:1: error: role/example@child is protected by lifecycle.prevent_destroy
                stack/users.yaml:7:3: warning: spec.roles[0]: role auditor is defined neither by the stack nor by the cluster
                """, printed.err());
    }

    @Test
    void machineFormatsPrintARefusedPlanWholeOnStdoutAndItsProblemsOnStderr() {
        Printed json = print(plan(REFUSED), PlanOutput.Format.JSON);
        Printed markdown = print(plan(REFUSED), PlanOutput.Format.MARKDOWN);
        Approvals.verify(json.out(), new Options().forFile().withAdditionalInformation("refused.json"));
        assertEquals("""
                ### Teleform plan for stack `prod`

                **The plan is refused: nothing can be applied.**

                - :x: `stack/roles.yaml:2:1` role/example@child is protected by lifecycle.prevent_destroy

                """, markdown.out());
        String problem = "stack/roles.yaml:2:1: error: role/example@child is protected by lifecycle.prevent_destroy\n";
        assertEquals(problem, json.err());
        assertEquals(problem, markdown.err());
    }
}
