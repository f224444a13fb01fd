package dev.teleform.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.LinkLimits;
import dev.teleform.engine.schema.FieldSemantics;
import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An invite.ttl the provider cannot issue for a new user is refused by the plan, before anything is created; an
 * existing user's owed invite, which can only be a reset link, is planned as long as a reset link may last.
 */
class InviteLimitTest {

    @TempDir
    Path dir;

    private Plan plan(String ttl, Duration longest) throws IOException {
        return plan(ttl, longest, State.empty("limits"), new LiveSnapshot(Map.of(), Map.of()));
    }

    private Plan plan(String ttl, Duration longest, State state, LiveSnapshot live) throws IOException {
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
        return new Planner(new ThreeWayDiff(FieldSemantics.shared()), new LinkLimits(longest, Duration.ofHours(24)))
                .plan(stack, state, live, PlanOptions.normal());
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

    @Test
    void anExistingUsersOwedInviteIsAResetLinkAsLongAsTeleportAllowsAndThePlanSaysSo() throws IOException {
        Address alice = Address.inParent(ResourceKind.USER, "alice");
        ObjectNode applied = JsonNodeFactory.instance.objectNode().put("kind", "user").put("version", "v2");
        applied.putObject("metadata").put("name", "alice");
        applied.putObject("spec").putArray("roles").add("access");
        State owed = State.empty("limits").next(Map.of(alice, new ResourceState(alice, applied, applied.deepCopy(),
                false, true, Set.of())));
        ObjectNode live = applied.deepCopy();
        live.putObject("status").put("password_state", "PASSWORD_STATE_UNSET").put("mfa_weakest_device", 1);
        Plan plan = plan("48h", Duration.ofHours(48), owed, new LiveSnapshot(Map.of(alice,
                new LiveResource(ResourceKind.USER, "alice", live)), Map.of()));

        assertTrue(plan.problems().all().stream().noneMatch(Diagnostic::isError), plan.problems().all().toString());
        Action.Invite invite = plan.steps().stream().map(PlanStep::action).filter(Action.Invite.class::isInstance)
                .map(Action.Invite.class::cast).findFirst().orElseThrow();
        assertEquals(Duration.ofHours(24), invite.ttl(), "a reset link lasts at most 24h");
        List<Diagnostic> warnings = plan.problems().all().stream().filter(d -> !d.isError()).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().message().contains("its link will be valid 24h, not 48h"),
                warnings.getFirst().message());
    }
}
