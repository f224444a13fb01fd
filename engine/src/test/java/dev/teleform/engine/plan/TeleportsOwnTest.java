package dev.teleform.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.schema.FieldSemantics;
import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.state.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.teleform.engine.provider.LinkLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What Teleport labels as its own (teleport.internal/...) is never written, even when a stack declares it. */
class TeleportsOwnTest {

    @TempDir
    Path dir;

    @Test
    void aDeclaredRoleThatTeleportMadeForABotIsRefusedNotAdopted() throws IOException {
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: own}
                spec: {provider: simulator}
                """);
        Files.writeString(dir.resolve("role.yaml"), """
                kind: role
                version: v7
                metadata: {name: bot-ci}
                spec: {}
                """);
        Stack stack = ((StackResult.Valid) new StackReader(LoadOptions.defaults()).read(dir)).stack();
        ObjectNode live = JsonNodeFactory.instance.objectNode().put("kind", "role").put("version", "v7");
        live.putObject("metadata").put("name", "bot-ci").put("revision", "1").putObject("labels")
                .put("teleport.internal/bot", "ci");
        live.putObject("spec");
        Address role = Address.inParent(ResourceKind.ROLE, "bot-ci");
        Plan plan = new Planner(new ThreeWayDiff(FieldSemantics.shared()), LinkLimits.TELEPORT).plan(stack,
                State.empty("own"), new LiveSnapshot(Map.of(role, new LiveResource(ResourceKind.ROLE, "bot-ci", live)), Map.of()),
                PlanOptions.normal());
        List<Diagnostic> errors = plan.problems().all().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), plan.problems().all().toString());
        assertTrue(errors.getFirst().message().contains("made by Teleport for bot ci: Teleform never writes it"),
                errors.getFirst().message());
        assertEquals(0, plan.steps().size(), "no adopt, no update");
    }
}
