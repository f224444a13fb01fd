package dev.teleform.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.resource.SensitiveFields;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Two plans compared by what they change, and by nothing else. */
class PlanComparisonTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Address ROLE = Address.in(ResourceKind.ROLE, "example", "child");
    private static final Address USER = Address.in(ResourceKind.USER, "alice", "child");
    private static final Address CLUSTER = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "child");

    private static PlanStep step(Action action, String... dependsOn) {
        return new PlanStep(PlanStep.idOf(action), action, List.of(dependsOn));
    }

    private static Plan plan(List<PlanStep> steps, Diagnostics problems, boolean allowDestroy) {
        return new Plan(PlanMode.NORMAL, steps, List.of(), problems, 3, List.of(), List.of(), allowDestroy);
    }

    private static Plan plan(PlanStep... steps) {
        return plan(List.of(steps), Diagnostics.of(List.of()), false);
    }

    private static ObjectNode role(Object ttl) {
        ObjectNode role = JSON.objectNode().put("kind", "role");
        ObjectNode options = role.putObject("spec").putObject("options");
        if (ttl instanceof Integer number) {
            options.put("max_sessions", number);
        } else {
            options.put("max_sessions", (Long) ttl);
        }
        return role;
    }

    private static FieldChange logins(String before, String after, boolean sensitive) {
        return new FieldChange("/spec/allow/logins", "spec.allow.logins", Optional.of(JSON.arrayNode().add(before)),
                Optional.of(JSON.arrayNode().add(after)), sensitive);
    }

    @Test
    void valuesAreComparedAsTeleportMeansThem() {
        FieldChange fromState = ttl("8h", "12h");
        Plan reviewed = plan(step(new Action.Update(ROLE, JSON.objectNode(), List.of(fromState), SensitiveFields.NONE)));
        assertTrue(PlanComparison.of(reviewed, update(ttl("8h0m0s", "12h"))).equal(),
                "the value it replaces, in Teleport's own form, read live where the saved plan read state");
        assertFalse(PlanComparison.of(reviewed, update(ttl("8h", "10h"))).equal(), "another value written");
        assertFalse(PlanComparison.of(reviewed, update(ttl("10h", "12h"))).equal(), "a value changed by hand since");
    }

    @Test
    void anElementOfAListWrittenWithAFieldMoreIsADifference() {
        FieldChange rules = rules(JSON.arrayNode().add(JSON.objectNode().put("resources", "node")));
        FieldChange more = rules(JSON.arrayNode().add(JSON.objectNode().put("resources", "node").put("where",
                "false")));
        Plan reviewed = plan(step(new Action.Update(ROLE, JSON.objectNode(), List.of(rules), SensitiveFields.NONE)));
        assertFalse(PlanComparison.of(reviewed, update(more)).equal(), "a field the reviewer never saw");
        assertFalse(PlanComparison.of(plan(step(new Action.Update(ROLE, JSON.objectNode(), List.of(more),
                SensitiveFields.NONE))), update(rules)).equal(), "nor one less");
    }

    private static FieldChange rules(tools.jackson.databind.node.ArrayNode after) {
        return new FieldChange("/spec/deny/rules", "spec.deny.rules", Optional.of(JSON.arrayNode()),
                Optional.of(after), false);
    }

    private static FieldChange ttl(String before, String after) {
        return new FieldChange("/spec/options/max_session_ttl", "spec.options.max_session_ttl",
                Optional.of(JSON.stringNode(before)), Optional.of(JSON.stringNode(after)), false);
    }

    private static Plan update(FieldChange change) {
        return plan(step(new Action.Update(ROLE, JSON.objectNode(), List.of(change), SensitiveFields.NONE)));
    }

    @Test
    void aSavedStepThePlanMadeNowCouldNotSeeIsNeverWhatIsLeftOfIt() {
        Plan saved = plan(step(new Action.Create(ROLE, role(2), SensitiveFields.NONE)));
        // done since: accepted as what is left of the saved plan
        assertTrue(PlanComparison.of(saved, plan()).lacksOnlySavedSteps());
        // its cluster is not active now, so its contents are unknown: its absence says nothing
        Plan blind = new Plan(PlanMode.NORMAL, List.of(), List.of(), Diagnostics.of(List.of()), 0,
                List.of(Address.in(ResourceKind.USER, "bob", "child")), List.of(), false);
        PlanComparison unseen = PlanComparison.of(saved, blind);
        assertEquals(List.of(new PlanComparison.UnseenNow("create role/example@child",
                "its workload cluster's contents are unknown until it is active")), unseen.differences());
        assertFalse(unseen.lacksOnlySavedSteps());
        // left out with --exclude: the same
        Plan excluded = new Plan(PlanMode.NORMAL, List.of(), List.of(), Diagnostics.of(List.of()), 0, List.of(),
                List.of(new Exclusion(ROLE, ROLE)), false);
        assertFalse(PlanComparison.of(saved, excluded).lacksOnlySavedSteps());
        assertEquals("left out with --exclude",
                ((PlanComparison.UnseenNow) PlanComparison.of(saved, excluded).differences().getFirst()).why());
    }

    @Test
    void orderDependenciesWarningsAndUnchangedCountAreNotChanges() {
        Plan saved = plan(step(new Action.Create(ROLE, role(2), SensitiveFields.NONE)),
                step(new Action.Invite(USER, Duration.ofHours(2))));
        Plan now = plan(List.of(step(new Action.Invite(USER, Duration.ofHours(2)), "create " + ROLE),
                step(new Action.Create(ROLE, role(2L), SensitiveFields.NONE))),
                Diagnostics.of(List.of(Diagnostic.warning("something to know"))), false);
        PlanComparison comparison = PlanComparison.of(saved, now);
        assertTrue(comparison.equal(), comparison.toString());
        assertEquals(2, comparison.steps());
    }

    @Test
    void aSavedPlanMadeWithoutReadingTheWorkloadClustersIsComparedByItsChangesAlone() {
        PlanStep update = step(new Action.Update(ROLE, role(2), List.of(logins("ubuntu", "ops", false)),
                SensitiveFields.NONE));
        Plan notJoined = new Plan(PlanMode.NORMAL, List.of(update), List.of(), Diagnostics.of(List.of()), 3, List.of(),
                List.of(), false, false);
        assertTrue(PlanComparison.of(notJoined, plan(update)).equal(), "how the saved plan was made is not a change");
        PlanComparison other = PlanComparison.of(notJoined, plan(step(new Action.Update(ROLE, role(2),
                List.of(logins("root", "ops", false)), SensitiveFields.NONE))));
        assertFalse(other.equal(), "a field changed from another value is: a change made by hand shows so");
    }

    @Test
    void aValueSentDifferentlyIsNamedByItsStepAndField() {
        PlanComparison comparison = PlanComparison.of(plan(step(new Action.Create(ROLE, role(2), SensitiveFields.NONE))),
                plan(step(new Action.Create(ROLE, role(3), SensitiveFields.NONE))));
        var changed = (PlanComparison.ChangedStep) comparison.differences().getFirst();
        assertEquals("create role/example@child", changed.step());
        assertEquals(List.of("spec.options.max_sessions"), changed.fields().stream().map(PlanComparison.Field::field)
                .toList());
    }

    @Test
    void aSensitiveChangeIsComparedByHowItChangesNotByItsValues() {
        Plan saved = plan(step(new Action.Update(ROLE, JSON.objectNode(), List.of(logins("(sensitive)", "(sensitive)",
                true)), SensitiveFields.NONE)));
        Plan now = plan(step(new Action.Update(ROLE, JSON.objectNode(), List.of(logins("old-secret", "new-secret",
                true)), SensitiveFields.NONE)));
        assertTrue(PlanComparison.of(saved, now).equal());
        Plan shown = plan(step(new Action.Update(ROLE, JSON.objectNode(), List.of(logins("old", "new", false)),
                SensitiveFields.NONE)));
        assertEquals(1, PlanComparison.of(saved, shown).differences().size(), "no longer sensitive is a change");
    }

    @Test
    void aDocumentsSensitiveValueIsMaskedOnBothSides() {
        ObjectNode secret = JSON.objectNode().put("kind", "role");
        secret.putObject("spec").putObject("allow").putArray("logins").add("ubuntu").add("(sensitive)");
        ObjectNode real = JSON.objectNode().put("kind", "role");
        real.putObject("spec").putObject("allow").putArray("logins").add("ubuntu").add("hunter2");
        SensitiveFields sensitive = SensitiveFields.of(List.of("/spec/allow/logins/1"));
        assertTrue(PlanComparison.of(plan(step(new Action.Create(ROLE, secret, sensitive))),
                plan(step(new Action.Create(ROLE, real, sensitive)))).equal());
        real.withObject("/spec/allow").withArray("logins").set(0, "root");
        assertEquals(1, PlanComparison.of(plan(step(new Action.Create(ROLE, secret, sensitive))),
                plan(step(new Action.Create(ROLE, real, sensitive)))).differences().size(),
                "the list's other values are still compared");
    }

    @Test
    void stepsOnlyInOnePlanAndWhatADeleteTakesWithItAreDifferences() {
        Plan saved = plan(step(new Action.Delete(CLUSTER, false, List.of(ROLE))), step(new Action.Wait(CLUSTER)));
        Plan now = plan(List.of(step(new Action.Delete(CLUSTER, false, List.of(ROLE, USER)))),
                Diagnostics.of(List.of()), true);
        assertEquals(List.of(new PlanComparison.Setting("--allow-destroy", "made without it", "made with it")),
                PlanComparison.of(saved, now).differences().subList(0, 1));
        List<String> steps = PlanComparison.of(saved, now).differences().stream().map(difference -> switch (difference) {
            case PlanComparison.OnlyIn only -> only.side() + " " + only.step();
            case PlanComparison.UnseenNow unseen -> "unseen " + unseen.step();
            case PlanComparison.ChangedStep changed -> "changed " + changed.step() + " "
                    + changed.fields().stream().map(PlanComparison.Field::field).toList();
            case PlanComparison.Setting setting -> setting.name();
        }).toList();
        assertEquals(List.of("--allow-destroy", "changed delete workload_cluster/child [(takes with it)]",
                "SAVED wait workload_cluster/child"), steps);
    }
}
