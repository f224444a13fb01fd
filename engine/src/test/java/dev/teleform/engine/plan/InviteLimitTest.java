package dev.teleform.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.schema.FieldSemantics;
import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.state.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An invite.ttl the provider cannot issue is refused by the plan, before anything is created. */
class InviteLimitTest {

    @TempDir
    Path dir;

    private Plan plan(String ttl, Duration longest) throws IOException {
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: limits}
                spec: {provider: teleport, parent: {proxy: example.teleport.sh:443}}
                """);
        Files.writeString(dir.resolve("user.yaml"), """
                kind: user
                version: v2
                metadata: {name: alice}
                spec: {roles: [access]}
                invite: {ttl: %s}
                """.formatted(ttl));
        StackResult read = new StackReader(LoadOptions.defaults()).read(dir);
        Stack stack = ((StackResult.Valid) read).stack();
        return new Planner(new ThreeWayDiff(FieldSemantics.shared()), longest)
                .plan(stack, State.empty("limits"), new LiveSnapshot(Map.of(), Map.of()), PlanOptions.normal());
    }

    @Test
    void aLinkLongerThanTheProviderIssuesRefusesThePlanAtTheTtl() throws IOException {
        Plan plan = plan("30h", Duration.ofHours(24));
        List<Diagnostic> errors = plan.problems().all().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), plan.problems().all().toString());
        assertTrue(errors.getFirst().message().contains("invite.ttl 30h is longer than the teleport provider can issue (24h)"),
                errors.getFirst().message());
        assertEquals(5, errors.getFirst().position().line(), "points at invite.ttl");
    }

    @Test
    void aLinkTheProviderCanIssueIsPlanned() throws IOException {
        Plan plan = plan("24h", Duration.ofHours(24));
        assertTrue(plan.problems().all().stream().noneMatch(Diagnostic::isError), plan.problems().all().toString());
        assertEquals(1, plan.count("invite"));
    }
}
