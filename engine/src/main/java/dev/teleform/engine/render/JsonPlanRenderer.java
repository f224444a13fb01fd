package dev.teleform.engine.render;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Drift;
import dev.teleform.engine.plan.FieldChange;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.resource.SensitiveFields;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan for programs: canonical JSON described by {@code schemas/plan.schema.json}. Its
 * {@code format_version} changes only when a field changes meaning or goes away.
 */
public final class JsonPlanRenderer {

    public static final String FORMAT_VERSION = "1";

    private final Path base;

    /** @param base directory that problem file names are shown relative to */
    public JsonPlanRenderer(Path base) {
        this.base = base;
    }

    public String render(Plan plan, String stack) {
        return CanonicalJson.write(tree(plan, stack));
    }

    public ObjectNode tree(Plan plan, String stack) {
        ObjectNode root = CanonicalJson.mapper().createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("stack", stack);
        root.put("mode", plan.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        root.put("has_changes", plan.hasChanges());
        root.put("refused", plan.problems().hasErrors());
        if (plan.allowDestroy()) {
            // only when it counts (the plan deletes a workload cluster), so other plans read as before
            root.put("allow_destroy", true);
        }
        if (!plan.workloadClustersRead()) {
            // only on a plan made with --no-join-clusters, so that every other plan reads as before
            root.put("workload_clusters_read", false);
        }
        ObjectNode summary = root.putObject("summary");
        for (String verb : new String[] {"create", "adopt", "update", "replace", "delete", "wait", "bootstrap", "invite", "forget"}) {
            summary.put(verb, plan.count(verb));
        }
        summary.put("unchanged", plan.unchanged());
        ArrayNode steps = root.putArray("steps");
        plan.steps().forEach(step -> steps.add(step(step)));
        ArrayNode drift = root.putArray("drift");
        plan.drift().forEach(d -> drift.add(drift(d)));
        ArrayNode unknown = root.putArray("unknown");
        plan.unknown().forEach(address -> unknown.add(address.toString()));
        ArrayNode excluded = root.putArray("excluded");
        plan.excluded().forEach(exclusion -> excluded.addObject().put("address", exclusion.address().toString())
                .put("because", exclusion.cause().toString()));
        ArrayNode problems = root.putArray("problems");
        plan.problems().all().forEach(p -> problems.add(problem(p)));
        return root;
    }

    private static ObjectNode step(PlanStep step) {
        ObjectNode node = CanonicalJson.mapper().createObjectNode();
        Action action = step.action();
        node.put("id", step.id());
        node.put("action", Action.verb(action));
        node.put("address", action.address().toString());
        node.put("kind", action.address().kind().kind());
        node.put("name", action.address().name());
        node.put("cluster", action.address().cluster());
        ArrayNode deps = node.putArray("depends_on");
        step.dependsOn().forEach(deps::add);
        switch (action) {
            case Action.Create create -> document(node, create.document(), create.sensitive());
            case Action.Adopt adopt -> document(node, adopt.document(), adopt.sensitive());
            case Action.Update update -> {
                document(node, update.document(), update.sensitive());
                node.set("changes", changes(update.changes(), "before", "after"));
            }
            case Action.Replace replace -> {
                document(node, replace.document(), replace.sensitive());
                node.set("changes", changes(replace.changes(), "before", "after"));
            }
            case Action.Delete delete -> {
                node.put("already_gone", delete.alreadyGone());
                ArrayNode with = node.putArray("takes_with");
                delete.takesWith().forEach(address -> with.add(address.toString()));
            }
            case Action.Forget forget -> node.put("reason", forget.reason());
            case Action.Invite invite -> node.put("ttl", GoDuration.format(invite.ttl()));
            case Action.Wait wait -> { }
            case Action.Bootstrap bootstrap -> { }
        }
        return node;
    }

    /** The document with the placeholder at each sensitive field, and which fields those are. */
    private static void document(ObjectNode node, ObjectNode document, SensitiveFields sensitive) {
        node.set("document", sensitive.masked(document));
        if (!sensitive.isEmpty()) {
            ArrayNode pointers = node.putArray("sensitive");
            sensitive.pointers().forEach(pointers::add);
        }
    }

    private static ObjectNode drift(Drift drift) {
        ObjectNode node = CanonicalJson.mapper().createObjectNode();
        node.put("address", drift.address().toString());
        node.put("deleted", drift.deleted());
        node.set("fields", changes(drift.fields(), "applied", "live"));
        return node;
    }

    private static ArrayNode changes(List<FieldChange> changes, String beforeName, String afterName) {
        ArrayNode array = CanonicalJson.mapper().createArrayNode();
        for (FieldChange change : changes) {
            ObjectNode node = array.addObject();
            node.put("field", change.field());
            node.put("pointer", change.pointer());
            node.put("change", change.kind().name().toLowerCase(Locale.ROOT));
            put(node, beforeName, FieldValues.json(change, change.before()));
            put(node, afterName, FieldValues.json(change, change.after()));
            if (change.sensitive()) {
                node.put("sensitive", true);
            }
        }
        return array;
    }

    private static void put(ObjectNode node, String name, Optional<JsonNode> value) {
        value.ifPresent(v -> node.set(name, v));
    }

    private ObjectNode problem(Diagnostic diagnostic) {
        ObjectNode node = CanonicalJson.mapper().createObjectNode();
        node.put("severity", diagnostic.severity().label());
        node.put("file", SourcePosition.displayPath(diagnostic.position().file(), base));
        node.put("line", diagnostic.position().line());
        node.put("column", diagnostic.position().column());
        node.put("field", diagnostic.field());
        node.put("message", diagnostic.message());
        // in a document stamped by for_each, the place is the template's: the item tells which stamp
        SourcePosition.Stamp stamp = diagnostic.position().stamp();
        if (stamp != null) {
            ObjectNode item = node.putObject("for_each");
            item.put("key", stamp.key());
            item.put("file", SourcePosition.displayPath(stamp.item().file(), base));
            item.put("line", stamp.item().line());
            item.put("column", stamp.item().column());
        }
        return node;
    }
}
