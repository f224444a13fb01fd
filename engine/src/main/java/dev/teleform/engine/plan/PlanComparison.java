package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.schema.FieldSemantics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a plan made now differs from a saved one by what they would change: the steps (verb and address, the engine's
 * wait, join and invite steps too) with what each writes, field by field, and the permission to delete workload
 * clusters. Not what they were made from (the stack's files, state's serial), nor the order of the steps, nor what
 * is only reported (warnings, drift a normal plan puts right): two plans equal here apply the same changes. A
 * sensitive value is compared by where it is and how it changes, never by what it holds, which a saved plan does
 * not have.
 *
 * @param steps       how many steps the plan made now has
 * @param differences empty when the plans make the same changes; the plan's settings first, then steps by address
 */
public record PlanComparison(int steps, List<Difference> differences) {

    public PlanComparison {
        differences = List.copyOf(differences);
    }

    /** Which plan something is in. */
    public enum Side { SAVED, NOW }

    /** One way the plans differ. */
    public sealed interface Difference {}

    /** Something about the plan as a whole: its mode, or its permission to delete workload clusters. */
    public record Setting(String name, String saved, String now) implements Difference {}

    /** A step only one of the plans has. */
    public record OnlyIn(Side side, String step) implements Difference {}

    /**
     * A step of the saved plan that the plan made now could not see, so its absence says nothing about whether it is
     * done: its resource's contents were not read (a workload cluster not active yet) or it was left out
     * ({@code --exclude}).
     */
    public record UnseenNow(String step, String why) implements Difference {}

    /** A step both have that changes something differently. */
    public record ChangedStep(String step, List<Field> fields) implements Difference {

        public ChangedStep {
            fields = List.copyOf(fields);
        }
    }

    /**
     * One field of a step as each plan changes it; empty where a plan leaves it alone. A field a step sends whole (a
     * create's document) is a change from absent.
     */
    public record Field(String field, Optional<FieldChange> saved, Optional<FieldChange> now) {}

    public boolean equal() {
        return differences.isEmpty();
    }

    /**
     * Whether the plan made now is what is left of the saved one: it differs, and only by steps the saved plan has
     * and the plan made now has not (done since, by a run whose state came later, or no longer needed); every step
     * it makes was reviewed as it is.
     */
    public boolean lacksOnlySavedSteps() {
        return !differences.isEmpty() && differences.stream()
                .allMatch(difference -> difference instanceof OnlyIn only && only.side() == Side.SAVED);
    }

    /** How {@code now} differs from {@code saved}. */
    public static PlanComparison of(Plan saved, Plan now) {
        List<Difference> differences = new ArrayList<>();
        if (saved.mode() != now.mode()) {
            differences.add(new Setting("mode", saved.mode().name(), now.mode().name()));
        }
        // only where the plan made now deletes a workload cluster: once a reviewed deletion is done, a plan without
        // it needs no permission, and is no different for that
        if (now.deletesWorkloadCluster() && saved.allowDestroy() != now.allowDestroy()) {
            differences.add(new Setting("--allow-destroy", allowed(saved), allowed(now)));
        }
        Map<String, Map<String, FieldChange>> before = changes(saved);
        Map<String, Map<String, FieldChange>> after = changes(now);
        Map<String, Address> savedAddresses = new TreeMap<>();
        saved.steps().forEach(step -> savedAddresses.put(step.id(), step.action().address()));
        // by what each step is about, then by verb: a user's create and its invite side by side
        TreeSet<String> ids = new TreeSet<>(Comparator.comparing((String id) -> id.substring(id.indexOf(' ') + 1))
                .thenComparing(Comparator.naturalOrder()));
        ids.addAll(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            if (!after.containsKey(id)) {
                Optional<String> unseen = Optional.ofNullable(savedAddresses.get(id)).flatMap(address -> unseen(now,
                        address));
                differences.add(unseen.<Difference>map(why -> new UnseenNow(id, why))
                        .orElse(new OnlyIn(Side.SAVED, id)));
            } else if (!before.containsKey(id)) {
                differences.add(new OnlyIn(Side.NOW, id));
            } else {
                List<Field> fields = fields(before.get(id), after.get(id),
                        Optional.ofNullable(savedAddresses.get(id)).map(Address::kind));
                if (!fields.isEmpty()) {
                    differences.add(new ChangedStep(id, fields));
                }
            }
        }
        return new PlanComparison(now.mode() == PlanMode.REFRESH_ONLY ? now.drift().size() : now.steps().size(),
                differences);
    }

    /** Why the plan made now could not see {@code address}, if it could not. */
    private static Optional<String> unseen(Plan now, Address address) {
        boolean unknown = now.unknown().stream().anyMatch(other -> other.equals(address)
                || (!address.inParentCluster() && !other.inParentCluster() && other.cluster().equals(address.cluster())));
        if (unknown) {
            return Optional.of("its workload cluster's contents are unknown until it is active");
        }
        if (now.excluded().stream().anyMatch(exclusion -> exclusion.address().equals(address))) {
            return Optional.of("left out with --exclude");
        }
        return Optional.empty();
    }

    private static String allowed(Plan plan) {
        return plan.allowDestroy() ? "made with it" : "made without it";
    }

    private static List<Field> fields(Map<String, FieldChange> saved, Map<String, FieldChange> now,
            Optional<ResourceKind> kind) {
        TreeSet<String> names = new TreeSet<>(saved.keySet());
        names.addAll(now.keySet());
        List<Field> fields = new ArrayList<>();
        for (String name : names) {
            Optional<FieldChange> before = Optional.ofNullable(saved.get(name));
            Optional<FieldChange> after = Optional.ofNullable(now.get(name));
            if (before.isEmpty() || after.isEmpty() || !same(before.get(), after.get(), kind)) {
                fields.add(new Field(name, before, after));
            }
        }
        return fields;
    }

    /**
     * What each step changes, by step id, field by field (by dotted name). A refresh-only plan has no steps: what
     * it changes is state, which takes each drifted resource's live values.
     */
    private static Map<String, Map<String, FieldChange>> changes(Plan plan) {
        Map<String, Map<String, FieldChange>> changes = new TreeMap<>();
        if (plan.mode() == PlanMode.REFRESH_ONLY) {
            for (Drift drift : plan.drift()) {
                Map<String, FieldChange> fields = byField(drift.fields());
                if (drift.deleted()) {
                    fields.put("(deleted outside Teleform)", value("", JsonNodeFactory.instance.booleanNode(true)));
                }
                changes.put("accept drift of " + drift.address(), fields);
            }
            return changes;
        }
        for (PlanStep step : plan.steps()) {
            changes.put(step.id(), switch (step.action()) {
                case Action.Create create -> sent(create.document(), create.sensitive());
                case Action.Adopt adopt -> sent(adopt.document(), adopt.sensitive());
                case Action.Replace replace -> sent(replace.document(), replace.sensitive());
                case Action.Update update -> byField(update.changes());
                case Action.Delete delete -> {
                    Map<String, FieldChange> fields = new TreeMap<>();
                    fields.put("(already gone)", value("", JsonNodeFactory.instance.booleanNode(delete.alreadyGone())));
                    var with = JsonNodeFactory.instance.arrayNode();
                    delete.takesWith().forEach(address -> with.add(address.toString()));
                    fields.put("(takes with it)", value("", with));
                    yield fields;
                }
                case Action.Invite invite -> new TreeMap<>(Map.of("(link valid for)",
                        value("", JsonNodeFactory.instance.stringNode(GoDuration.format(invite.ttl())))));
                case Action.Forget forget -> new TreeMap<>();
                case Action.Wait wait -> new TreeMap<>();
                case Action.Bootstrap bootstrap -> new TreeMap<>();
            });
        }
        return changes;
    }

    private static Map<String, FieldChange> byField(List<FieldChange> changes) {
        Map<String, FieldChange> fields = new TreeMap<>();
        changes.forEach(change -> fields.put(change.field(), change));
        return fields;
    }

    /**
     * A document a step sends whole, as one change from absent per leaf (an array is a leaf, as Teleport replaces it
     * whole), with the placeholder at each sensitive value, as a saved plan holds it.
     */
    private static Map<String, FieldChange> sent(ObjectNode document, SensitiveFields sensitive) {
        Map<String, FieldChange> fields = new TreeMap<>();
        leaves(sensitive.masked(document), "", "", sensitive, fields);
        return fields;
    }

    private static void leaves(JsonNode node, String field, String pointer, SensitiveFields sensitive,
            Map<String, FieldChange> into) {
        if (node.isObject() && !node.isEmpty() && !sensitive.covers(pointer)) {
            node.propertyNames().forEach(name -> leaves(node.get(name), field.isEmpty() ? name : field + "." + name,
                    pointer + "/" + name.replace("~", "~0").replace("/", "~1"), sensitive, into));
            return;
        }
        // masked on both sides, so compared by value: a list holding one sensitive value differs in its others
        into.put(field, new FieldChange(pointer, field, Optional.empty(), Optional.of(node), sensitive.covers(pointer)));
    }

    private static FieldChange value(String field, JsonNode value) {
        return new FieldChange("", field, Optional.empty(), Optional.of(value), false);
    }

    /**
     * The same change: a sensitive one by how it changes, any other by its values too, each equal as Teleport means
     * it ({@link ThreeWayDiff#sameValue}): the value a change replaces is what each plan read, from live or, in a
     * plan made without joining the workload clusters, from state, and Teleport gives some values back in its own
     * form ({@code 8h} as {@code 8h0m0s}). A value changed by hand since review still differs.
     */
    private static boolean same(FieldChange saved, FieldChange now, Optional<ResourceKind> kind) {
        if (saved.sensitive() || now.sensitive()) {
            return saved.sensitive() == now.sensitive() && saved.kind() == now.kind();
        }
        // What is written must be the same both ways. What it replaces is compared on what the saved plan read: an
        // element of a list read from state lacks the defaults Teleport adds live.
        return same(saved.before(), now.before(), saved.pointer(), kind, false)
                && same(saved.after(), now.after(), saved.pointer(), kind, true);
    }

    private static boolean same(Optional<JsonNode> saved, Optional<JsonNode> now, String pointer,
            Optional<ResourceKind> kind, boolean bothWays) {
        if (saved.isPresent() != now.isPresent() || saved.isEmpty()) {
            return saved.isPresent() == now.isPresent();
        }
        if (saved.get().equals(NUMBERS_BY_VALUE, now.get())) {
            return true;
        }
        // sameValue compares an object in a list on the fields of its first argument only
        return kind.isPresent() && !pointer.isEmpty()
                && AS_TELEPORT_MEANS.sameValue(kind.get(), pointer, saved.get(), now.get())
                && (!bothWays || AS_TELEPORT_MEANS.sameValue(kind.get(), pointer, now.get(), saved.get()));
    }

    private static final ThreeWayDiff AS_TELEPORT_MEANS = new ThreeWayDiff(FieldSemantics.shared());

    /** Numbers equal in value are equal whatever their type: a saved plan's 1 is read back as another type than YAML's. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
}
