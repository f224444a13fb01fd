package dev.teleform.engine.planfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.FieldChange;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.resource.InvitePolicy;
import dev.teleform.engine.resource.Lifecycle;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.resource.SensitiveFields;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A saved plan holds no sensitive value, and applying it takes each one from the stack. */
class SensitiveValuesTest {

    private static final String SECRET = "s3cret-login";
    private static final Address CREATED = Address.in(ResourceKind.ROLE, "created", "child");
    private static final Address UPDATED = Address.in(ResourceKind.ROLE, "updated", "child");
    private static final SensitiveFields LOGIN = SensitiveFields.of(List.of("/spec/allow/logins/1"));

    private static ObjectNode role(String name) {
        return (ObjectNode) CanonicalJson.mapper().readTree("{\"kind\":\"role\",\"version\":\"v7\",\"metadata\":{\"name\":\""
                + name + "\"},\"spec\":{\"allow\":{\"logins\":[\"ubuntu\",\"" + SECRET + "\"]}}}");
    }

    private static JsonNode json(String text) {
        return CanonicalJson.mapper().readTree(text);
    }

    private static Plan plan() {
        FieldChange logins = new FieldChange("/spec/allow/logins", "spec.allow.logins", Optional.of(json("[\"ubuntu\"]")),
                Optional.of(json("[\"ubuntu\",\"" + SECRET + "\"]")), true);
        FieldChange plain = new FieldChange("/spec/options/max_session_ttl", "spec.options.max_session_ttl",
                Optional.empty(), Optional.of(json("\"8h\"")), false);
        return new Plan(PlanMode.NORMAL, List.of(
                new PlanStep("create " + CREATED, new Action.Create(CREATED, role("created"), LOGIN), List.of()),
                new PlanStep("update " + UPDATED, new Action.Update(UPDATED, role("updated"), List.of(logins, plain), LOGIN),
                        List.of())), List.of(), Diagnostics.NONE, 0);
    }

    private static PlanFile file(Plan plan) {
        return new PlanFile("prod", Path.of("/stack"), "sha256:x", "lineage", 3, Optional.empty(), "simulator", "/sim",
                List.of(), List.of(), plan);
    }

    private static String written(PlanFile file) {
        return PlanFileCodec.write(file, new StackLocation(StackLocation.Base.ABSOLUTE, "/stack"));
    }

    private static Resource declared(Address address, ObjectNode document) {
        return new Resource(address, ResourceKind.ROLE, "v7", document, Lifecycle.DEFAULT, InvitePolicy.NONE, LOGIN, null);
    }

    @Test
    void aSavedPlanHoldsPlaceholdersAndAVersionOlderReleasesRefuse() {
        String written = written(file(plan()));
        assertFalse(written.contains(SECRET), written);
        assertTrue(written.contains("\"version\": 2"), written);
        assertTrue(written(file(new Plan(PlanMode.NORMAL, List.of(), List.of(), Diagnostics.NONE, 0)))
                .contains("\"version\": 1"), "a plan without sensitive values stays readable by every release");
    }

    @Test
    void applyingASavedPlanTakesTheValuesFromTheStack() {
        Plan read = PlanFileCodec.read(written(file(plan())).getBytes(), location -> Either.right(Path.of(location.path()))).get().plan();
        Plan restored = SensitiveValues.restore(read, Map.of(CREATED, declared(CREATED, role("created")),
                UPDATED, declared(UPDATED, role("updated"))), CommandHint.HERE).get();

        Action.Create create = (Action.Create) restored.steps().get(0).action();
        assertEquals(role("created"), create.document());
        assertEquals(LOGIN, create.sensitive());
        Action.Update update = (Action.Update) restored.steps().get(1).action();
        assertEquals(Optional.of(json("[\"ubuntu\",\"" + SECRET + "\"]")), update.changes().get(0).after());
        assertEquals(Optional.of(json("\"8h\"")), update.changes().get(1).after());
        assertEquals(Optional.of(json("\"(sensitive)\"")), update.changes().get(0).before(), "never sent, not restored");
    }

    @Test
    void aSensitiveValueTheStackNoLongerDeclaresRefusesThePlan() {
        Plan read = PlanFileCodec.read(written(file(plan())).getBytes(), location -> Either.right(Path.of(location.path()))).get().plan();
        assertEquals("the saved plan has sensitive values for role/created@child, which the stack does not declare; "
                + "plan again (teleform plan examples/fleet --out FILE)",
                SensitiveValues.restore(read, Map.of(), new CommandHint(Path.of("examples/fleet"))).getLeft());
    }
}
