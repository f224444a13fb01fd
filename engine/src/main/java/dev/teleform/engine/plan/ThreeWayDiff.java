package dev.teleform.engine.plan;

import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.schema.FieldSemantics;
import dev.teleform.engine.source.FieldPaths;
import dev.teleform.engine.source.SourceMap;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three-way diff of one resource, as {@code kubectl apply} does it: only fields the stack sets
 * are compared with live, so whatever the server fills in never shows as a change; a field that was
 * applied before but is gone from the stack is removed; and a managed field whose live value differs
 * from the last-applied one is drift, a change made outside Teleform.
 *
 * <p>A sensitive field was applied as a placeholder, so it has no last-applied value to find drift with;
 * comparing the stack's real value with live still finds every change it needs.
 */
public final class ThreeWayDiff {

    /** Top-level fields that are the resource's content; {@code kind} and server fields are not. */
    private static final List<String> CONTENT = List.of("version", "metadata", "spec");
    /** Metadata the server owns or that names the resource. */
    private static final Set<String> METADATA_IGNORED = Set.of("name", "revision", "id", "namespace");

    private final FieldSemantics semantics;

    public ThreeWayDiff(FieldSemantics semantics) {
        this.semantics = semantics;
    }

    /**
     * @param changes what the plan changes on live to reach the stack
     * @param drift   managed fields whose live value is not what Teleform last applied
     */
    public record Result(List<FieldChange> changes, List<FieldChange> drift) {
        public boolean inSync() {
            return changes.isEmpty();
        }
    }

    /**
     * @param desired     the stack's document
     * @param lastApplied what state says was applied, or null for a resource Teleform never applied
     * @param live        what the server holds
     * @param ignore      {@code lifecycle.ignore_changes} pointers
     * @param sensitive   fields that are sensitive in the stack or were when last applied
     */
    public Result diff(ResourceKind kind, ObjectNode desired, ObjectNode lastApplied, ObjectNode live,
            List<String> ignore, SensitiveFields sensitive) {
        Walk walk = new Walk(kind, ignore, sensitive);
        for (String field : CONTENT) {
            walk.toLive("/" + field, desired.path(field), live.path(field));
            if (lastApplied != null) {
                walk.removed("/" + field, lastApplied.path(field), desired.path(field), live.path(field));
                walk.drift("/" + field, lastApplied.path(field), live.path(field));
            }
        }
        return new Result(List.copyOf(walk.changes), List.copyOf(walk.drift));
    }

    /** Whether a live resource already is what the stack asks for (so a re-run can adopt it). */
    public boolean matches(ResourceKind kind, ObjectNode desired, ObjectNode live) {
        return diff(kind, desired, null, live, List.of(), SensitiveFields.NONE).inSync();
    }

    /**
     * Whether {@code b} holds {@code a}, two values of {@code kind}'s field at {@code pointer}, as Teleport means it:
     * by set, by duration ({@code 8h} is {@code 8h0m0s}), by number, and for an object in a list on the fields
     * {@code a} sets (so {@code b} may set more: ask both ways for equality).
     */
    public boolean sameValue(ResourceKind kind, String pointer, JsonNode a, JsonNode b) {
        return new Walk(kind, List.of(), SensitiveFields.NONE).same(pointer, a, b);
    }

    private final class Walk {
        private final ResourceKind kind;
        private final List<String> ignore;
        private final SensitiveFields sensitive;
        private final List<FieldChange> changes = new ArrayList<>();
        private final List<FieldChange> drift = new ArrayList<>();

        Walk(ResourceKind kind, List<String> ignore, SensitiveFields sensitive) {
            this.kind = kind;
            this.ignore = ignore;
            this.sensitive = sensitive;
        }

        /** Fields the stack sets, compared with live. */
        void toLive(String pointer, JsonNode desired, JsonNode live) {
            // Equal subtrees hold no change: most of a fleet is in sync, and this spares walking them field by field.
            if (desired.isMissingNode() || desired.equals(live) || ignored(pointer) || isServerMetadata(pointer)) {
                return;
            }
            if (desired.isObject() && (live.isObject() || live.isMissingNode())) {
                for (String field : desired.propertyNames()) {
                    toLive(SourceMap.child(pointer, field), desired.get(field), live.path(field));
                }
                return;
            }
            if (!same(pointer, desired, live)) {
                changes.add(change(pointer, live, desired));
            }
        }

        private FieldChange change(String pointer, JsonNode before, JsonNode after) {
            return new FieldChange(pointer, FieldPaths.display(pointer), present(before), present(after),
                    sensitive.touches(pointer));
        }

        /**
         * Fields applied before but no longer in the stack are removed from live. Only what was applied goes,
         * as with {@code kubectl apply}: when the stack drops a whole object (labels, traits), the keys live
         * has beside the applied ones (added by hand, by SSO, or ignored) stay.
         */
        void removed(String pointer, JsonNode applied, JsonNode desired, JsonNode live) {
            if (applied.isMissingNode() || applied.equals(desired) || ignored(pointer) || isServerMetadata(pointer)) {
                return;
            }
            if (desired.isMissingNode() && applied.isObject() && live.isObject()) {
                for (String field : applied.propertyNames()) {
                    removed(SourceMap.child(pointer, field), applied.get(field), MissingNode.getInstance(),
                            live.path(field));
                }
                return;
            }
            if (desired.isMissingNode()) {
                if (!live.isMissingNode() && !live.isNull()) {
                    changes.add(change(pointer, live, MissingNode.getInstance()));
                }
                return;
            }
            if (applied.isObject() && desired.isObject()) {
                for (String field : applied.propertyNames()) {
                    removed(SourceMap.child(pointer, field), applied.get(field), desired.path(field), live.path(field));
                }
            }
        }

        /** Managed fields (those last applied) whose live value is something else. */
        void drift(String pointer, JsonNode applied, JsonNode live) {
            if (applied.isMissingNode() || applied.equals(live) || ignored(pointer) || isServerMetadata(pointer)) {
                return;
            }
            if (applied.isObject() && (live.isObject() || live.isMissingNode())) {
                for (String field : applied.propertyNames()) {
                    drift(SourceMap.child(pointer, field), applied.get(field), live.path(field));
                }
                return;
            }
            if (!sensitive.touches(pointer) && !same(pointer, applied, live)) {
                drift.add(change(pointer, applied, live));
            }
        }

        /** Equal as Teleport means it: by set, by duration, by number, and element-wise for objects in lists. */
        private boolean same(String pointer, JsonNode wanted, JsonNode actual) {
            if (actual.isMissingNode()) {
                return wanted.isNull() || (wanted.isContainer() && wanted.isEmpty());
            }
            if (wanted.equals(actual)) {
                return true; // the common case: no need to ask the schemas how to compare
            }
            FieldSemantics.Comparison comparison = semantics.of(kind, steps(pointer));
            if (comparison == FieldSemantics.Comparison.DURATION) {
                Optional<Duration> a = duration(wanted);
                Optional<Duration> b = duration(actual);
                if (a.isPresent() && b.isPresent()) {
                    return a.get().equals(b.get());
                }
            }
            if (wanted.isArray() && actual.isArray()) {
                if (comparison == FieldSemantics.Comparison.SET) {
                    return texts(wanted).equals(texts(actual));
                }
                if (wanted.size() != actual.size()) {
                    return false;
                }
                for (int i = 0; i < wanted.size(); i++) {
                    if (!sameElement(SourceMap.child(pointer, i), wanted.get(i), actual.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            if (wanted.isNumber() && actual.isNumber()) {
                return new BigDecimal(wanted.asString()).compareTo(new BigDecimal(actual.asString())) == 0;
            }
            if (wanted.isObject() && actual.isObject()) {
                return sameElement(pointer, wanted, actual);
            }
            return wanted.equals(actual);
        }

        /** An object compares on the fields it sets, as a top-level resource does. */
        private boolean sameElement(String pointer, JsonNode wanted, JsonNode actual) {
            if (wanted.isObject() && actual.isObject()) {
                for (String field : wanted.propertyNames()) {
                    if (!same(SourceMap.child(pointer, field), wanted.get(field), actual.path(field))) {
                        return false;
                    }
                }
                return true;
            }
            return same(pointer, wanted, actual);
        }

        private boolean ignored(String pointer) {
            for (String prefix : ignore) {
                if (pointer.equals(prefix) || pointer.startsWith(prefix + "/")) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean isServerMetadata(String pointer) {
        return pointer.startsWith("/metadata/") && METADATA_IGNORED.contains(pointer.substring("/metadata/".length()));
    }

    private static Optional<JsonNode> present(JsonNode node) {
        return node.isMissingNode() ? Optional.empty() : Optional.of(node);
    }

    private static Optional<Duration> duration(JsonNode node) {
        if (node.isIntegralNumber()) {
            return Optional.of(Duration.ofNanos(node.asLong()));
        }
        return node.isString() ? GoDuration.parse(node.asString()) : Optional.empty();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(element -> out.add(element.isString() ? element.asString() : element.toString()));
        return out;
    }

    private static List<String> steps(String pointer) {
        List<String> steps = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/")) {
            steps.add(raw.indexOf('~') < 0 ? raw : raw.replace("~1", "/").replace("~0", "~"));
        }
        return steps;
    }
}
