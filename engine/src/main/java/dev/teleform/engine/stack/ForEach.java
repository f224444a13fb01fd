package dev.teleform.engine.stack;

import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.DidYouMean;
import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.schema.SchemaCatalog;
import dev.teleform.engine.source.FieldPaths;
import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.source.SourceMap;
import dev.teleform.engine.source.SourceValue;
import dev.teleform.engine.source.StackFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stamps documents from {@code for_each} templates: one document per item of an inline list or
 * mapping, or of {@code {file: PATH}} (a YAML list or mapping below the stack directory), with
 * {@code ${each.key}} and {@code ${each.value.FIELD}} replaced in string values. A stamp keeps the
 * template's positions and names its item, so every problem in it points at both. Runs after
 * variable substitution, on fresh copies: templates (and what the parse cache holds) stay as read.
 */
final class ForEach {

    static final String KEY = "for_each";
    private static final String POINTER = "/" + KEY;
    /** {@code ${each.REF}}, or {@code $${each.REF}} for the text itself. */
    private static final Pattern EACH = Pattern.compile("\\$(\\$?)\\{each\\.([^}]*)}");
    /** What looks like a reference to an item, well formed or not ({@code ${ each.key }}, {@code ${each}}). */
    private static final Pattern ANY_EACH = Pattern.compile("(?<!\\$)\\$\\{\\s*each\\b");

    /**
     * One item: the key it stamps with, its value, and where it is written.
     *
     * @param named an item of a list: its value is its name, with no fields
     */
    private record Item(String key, JsonNode value, SourcePosition at, boolean named) {}

    private static final JsonNodeFactory TEXT = JsonNodeFactory.instance;

    private final Path dir;
    private final StackFileReader reader;
    /** Data files read so far, by normalized absolute path: each is read, and its problems told, once. */
    private final Map<Path, StackFileReader.DataContent> data = new LinkedHashMap<>();
    /** The templates' places whose values an item fills in: a problem there may differ from item to item. */
    private final Set<SourcePosition> itemDependent = new HashSet<>();
    /** Whether a template was left unstamped for a mistake in its references. */
    private boolean brokenTemplate;

    ForEach(Path dir, StackFileReader reader) {
        this.dir = dir.toAbsolutePath().normalize();
        this.reader = reader;
    }

    static boolean isTemplate(SourceDocument document) {
        return document.root().has(KEY);
    }

    /** The data file {@code document}'s {@code for_each: {file: ...}} names, if it names one below the stack. */
    Optional<Path> dataFile(SourceDocument document) {
        JsonNode forEach = document.root().path(KEY);
        if (!isFileForm(forEach)) {
            return Optional.empty();
        }
        String name = forEach.get("file").asString();
        Path file = dir.resolve(name).normalize();
        if (name.isBlank() || Path.of(name).isAbsolute() || name.contains("..") || !file.startsWith(dir)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private static boolean isFileForm(JsonNode forEach) {
        return forEach.isObject() && forEach.size() == 1 && forEach.path("file").isString();
    }

    /** The data files read, with their digests, for the stack digest. */
    Map<Path, byte[]> dataDigests() {
        Map<Path, byte[]> digests = new LinkedHashMap<>();
        data.forEach((file, content) -> digests.put(file, content.sha256()));
        return digests;
    }

    /** Whether every template was stamped and every data file named so far could be read: no stamp is missing. */
    boolean complete() {
        return !brokenTemplate && data.values().stream().allMatch(content -> content.problems().isEmpty());
    }

    /** The places in templates that hold a {@code ${each...}}, as the template has them (no stamp). */
    Set<SourcePosition> itemDependent() {
        return Set.copyOf(itemDependent);
    }

    /** The documents {@code template} stamps, in item order; problems (the template's and the items') go to {@code problems}. */
    List<SourceDocument> expand(SourceDocument template, List<Diagnostic> problems) {
        if (StackValidator.STACK_KIND.equals(template.text("kind"))) {
            problems.add(Diagnostic.error(template.keyAt(POINTER), KEY, "the stack document is not stamped: "
                    + "for_each belongs on a workload_cluster, role or user"));
            ObjectNode copy = template.root().deepCopy();
            copy.remove(KEY);
            return List.of(new SourceDocument(copy, template.positions()));
        }
        collectReferences(template, template.root(), "", itemDependent);
        int before = problems.size();
        checkReferences(template, true, problems);
        boolean wellReferenced = problems.size() == before;
        before = problems.size();
        List<Item> items = items(template, problems);
        boolean itemsRead = problems.size() == before; // a bad for_each says so already
        if (items.isEmpty() && itemsRead) {
            JsonNode forEach = template.root().get(KEY);
            problems.add(Diagnostic.warning(template.keyAt(POINTER), KEY, "stamps nothing: its "
                    + (isFileForm(forEach) ? "file" : forEach.isObject() ? "mapping" : "list") + " has no items"));
        }
        if (!items.isEmpty() && items.getFirst().named()) {
            wellReferenced &= noFieldsOfNames(template, problems);
        }
        if (!wellReferenced) {
            // stamping what is known wrong would add false problems (every stamp named "r-", declared twice),
            // and leave out resources other documents rely on: the stack is incomplete until it is fixed
            brokenTemplate = true;
        }
        if (items.isEmpty() && itemsRead || !wellReferenced) {
            problems.addAll(schemaProblems(template));
            return List.of();
        }
        List<SourceDocument> stamps = new ArrayList<>(items.size());
        for (Item item : items) {
            ObjectNode copy = template.root().deepCopy();
            copy.remove(KEY);
            SourceDocument stamp = new SourceDocument(copy,
                    template.positions().stampedBy(new SourcePosition.Stamp(item.key(), item.at())));
            substitute(stamp, (pointer, reference) -> resolve(stamp, pointer, reference, item, problems));
            stamps.add(stamp);
        }
        return stamps;
    }

    /**
     * A list's items are names, with no fields: a {@code ${each.value.FIELD}} in its template is one mistake,
     * said once at its place rather than once per item.
     */
    private static boolean noFieldsOfNames(SourceDocument template, List<Diagnostic> problems) {
        List<Diagnostic> found = new ArrayList<>();
        ObjectNode copy = template.root().deepCopy();
        copy.remove(KEY);
        substitute(new SourceDocument(copy, template.positions()), (pointer, reference) -> {
            if (reference.startsWith("value.")) {
                found.add(Diagnostic.error(template.at(pointer), FieldPaths.display(pointer), "${each." + reference
                        + "}: the items of a for_each list are names, which have no fields; for items with fields, "
                        + "use a mapping of name to fields"));
            }
            return TEXT.stringNode("");
        });
        problems.addAll(found);
        return found.isEmpty();
    }

    /**
     * A template of no items is still held to its kind's schema, so that a mistake in it does not wait for its
     * first item; only the values an item would fill in are not judged, as Terraform leaves unknown values.
     */
    private static List<Diagnostic> schemaProblems(SourceDocument template) {
        Optional<ResourceKind> kind = ResourceKind.of(template.text("kind"));
        if (kind.isEmpty()) {
            return List.of(Diagnostic.error(template.at("/kind"), "kind", "unknown kind \"" + template.text("kind")
                    + "\": for_each stamps a workload_cluster, role or user"));
        }
        ObjectNode copy = template.root().deepCopy();
        copy.remove(KEY);
        Set<SourcePosition> filledIn = new HashSet<>();
        collectReferences(template, copy, "", filledIn);
        return SchemaCatalog.shared().validate(SchemaCatalog.schemaFile(kind.get()),
                new SourceDocument(copy, template.positions())).stream()
                .filter(problem -> problem.source().map(place -> !filledIn.contains(place)).orElse(true)).toList();
    }

    private static void collectReferences(SourceDocument document, JsonNode node, String pointer,
            Set<SourcePosition> found) {
        if (node.isString() && ANY_EACH.matcher(node.asString()).find()) {
            found.add(document.at(pointer));
        } else if (node instanceof ObjectNode object) {
            object.properties().forEach(member ->
                    collectReferences(document, member.getValue(), SourceMap.child(pointer, member.getKey()), found));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collectReferences(document, array.get(i), SourceMap.child(pointer, i), found);
            }
        }
    }

    /**
     * In a document that is no template, {@code ${each...}} means nothing: an error, so that it is not sent as
     * written. {@code $${each...}} becomes the text {@code ${each...}}.
     */
    static void refuseOutsideTemplate(SourceDocument document, List<Diagnostic> problems) {
        checkReferences(document, false, problems);
        substitute(document, (pointer, reference) -> {
            problems.add(Diagnostic.error(document.at(pointer), FieldPaths.display(pointer), "${each." + reference
                    + "} is replaced only in a document with for_each (write $${each." + reference
                    + "} for the text itself)"));
            return TEXT.stringNode("");
        });
    }

    private List<Item> items(SourceDocument template, List<Diagnostic> problems) {
        JsonNode forEach = template.root().get(KEY);
        if (isFileForm(forEach)) {
            return fileItems(template, problems);
        }
        if (forEach instanceof ArrayNode list) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String pointer = POINTER + "/" + i;
                listItem(list.get(i), template.at(pointer), FieldPaths.display(pointer), problems, items);
            }
            return items;
        }
        if (forEach instanceof ObjectNode map) {
            if (map.size() == 1 && !misreadFileForm(template, map, problems)) {
                return List.of();
            }
            List<Item> items = new ArrayList<>();
            map.properties().forEach(member -> items.add(new Item(member.getKey(), member.getValue(),
                    template.keyAt(SourceMap.child(POINTER, member.getKey())), false)));
            return items;
        }
        problems.add(Diagnostic.error(template.at(POINTER), KEY, "takes a list, a mapping, or {file: PATH} (a YAML "
                + "list or mapping below the stack directory)"));
        return List.of();
    }

    /**
     * A one-item mapping that looks like a mistyped file form ({@code {file: [a.yaml]}}, {@code {files: a.yaml}})
     * would silently stamp one resource named after the key: the first is an error, the second a warning.
     *
     * @return false when it is no item at all
     */
    private static boolean misreadFileForm(SourceDocument template, ObjectNode map, List<Diagnostic> problems) {
        Map.Entry<String, JsonNode> only = map.properties().iterator().next();
        String pointer = SourceMap.child(POINTER, only.getKey());
        if (only.getKey().equals("file")) {
            problems.add(Diagnostic.error(template.at(pointer), FieldPaths.display(pointer), "takes one path, "
                    + "relative to the stack directory (for_each: {file: tenants.yaml})"));
            return false;
        }
        String value = only.getValue().asString("");
        if (only.getValue().isString() && (value.endsWith(".yaml") || value.endsWith(".yml"))) {
            problems.add(Diagnostic.warning(template.keyAt(pointer), FieldPaths.display(pointer), "stamps one item, \""
                    + only.getKey() + "\"; for the items of a data file, write for_each: {file: " + value + "}"));
        }
        return true;
    }

    /** A list's items are their own keys, so they must be names. */
    private static void listItem(JsonNode value, SourcePosition at, String field, List<Diagnostic> problems,
            List<Item> items) {
        if (value.isContainer() || value.isNull()) {
            problems.add(Diagnostic.error(at, field, "a for_each list holds names (its items are their own keys); for "
                    + "items with fields, use a mapping of name to fields"));
            return;
        }
        items.add(new Item(value.asString(), value, at, true));
    }

    private List<Item> fileItems(SourceDocument template, List<Diagnostic> problems) {
        String pointer = POINTER + "/file";
        String name = template.root().path(KEY).path("file").asString();
        Optional<Path> named = dataFile(template);
        if (named.isEmpty()) {
            problems.add(Diagnostic.error(template.at(pointer), FieldPaths.display(pointer), "a for_each file is a path "
                    + "relative to the stack directory, below it, without \"..\""));
            return List.of();
        }
        Path file = named.get();
        if (!Files.isRegularFile(file)) {
            problems.add(Diagnostic.error(template.at(pointer), FieldPaths.display(pointer), "\"" + name
                    + "\" is no file below the stack directory"));
            return List.of();
        }
        boolean firstRead = !data.containsKey(file);
        StackFileReader.DataContent content = data.computeIfAbsent(file, reader::readData);
        if (firstRead) {
            problems.addAll(content.problems());
        }
        if (content.value().isEmpty()) {
            return List.of(); // an empty file has no items; a broken one is reported above
        }
        SourceValue value = content.value().get();
        List<Item> items = new ArrayList<>();
        if (value.root() instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                String at = "/" + i;
                listItem(list.get(i), value.at(at), "[" + i + "]", firstRead ? problems : new ArrayList<>(), items);
            }
        } else if (value.root() instanceof ObjectNode map) {
            map.properties().forEach(member -> items.add(new Item(member.getKey(), member.getValue(),
                    value.keyAt(SourceMap.child("", member.getKey())), false)));
        } else if (firstRead) {
            problems.add(Diagnostic.error(value.at(""), "", "a for_each file holds a YAML list or mapping"));
        }
        return items;
    }

    /**
     * What {@code ${each.reference}} at {@code pointer} stands for with {@code item}: a single value, with its type
     * (a number stays a number where the reference is the whole string).
     */
    private static JsonNode resolve(SourceDocument stamp, String pointer, String reference, Item item,
            List<Diagnostic> problems) {
        String field = FieldPaths.display(pointer);
        if (reference.equals("key") || reference.equals("value") && item.named()) { // a list's items are names
            return asWritten(TEXT.stringNode(item.key()), stamp, pointer, reference, item, problems);
        }
        if (!reference.equals("value") && !reference.startsWith("value.")) {
            return TEXT.stringNode(""); // reported once by checkReferences
        }
        JsonNode value = item.value();
        String path = "value";
        for (String part : reference.equals("value") ? new String[0] : reference.substring(6).split("\\.", -1)) {
            if (!value.isObject()) {
                problems.add(Diagnostic.error(stamp.at(pointer), field, "${each." + reference + "}: " + path
                        + " of item \"" + item.key() + "\" is " + describe(value) + ", which has no fields"));
                return TEXT.stringNode("");
            }
            if (!value.has(part)) {
                List<String> fields = value.propertyNames().stream().toList();
                problems.add(Diagnostic.error(stamp.at(pointer), field, "${each." + reference + "}: item \""
                        + item.key() + "\" has no field \"" + part + "\"" + DidYouMean.hint(part, fields)
                        + (fields.isEmpty() ? "" : " (it has: " + String.join(", ", fields) + ")")));
                return TEXT.stringNode("");
            }
            value = value.get(part);
            path = path + "." + part;
        }
        if (value.isContainer()) {
            problems.add(Diagnostic.error(stamp.at(pointer), field, "${each." + reference + "} of item \""
                    + item.key() + "\" is " + describe(value) + "; only a single value goes into a string"
                    + (value.isObject() ? " (name one of its fields: ${each." + reference + ".FIELD})" : "")));
            return TEXT.stringNode("");
        }
        return value.isNull() ? TEXT.stringNode("") : asWritten(value, stamp, pointer, reference, item, problems);
    }

    /**
     * Data is taken as written, never substituted: an item's value holding {@code ${...}} would reach Teleport
     * as those characters, which is never what its author meant, so it is refused as in any other document.
     */
    private static JsonNode asWritten(JsonNode value, SourceDocument stamp, String pointer, String reference,
            Item item, List<Diagnostic> problems) {
        if (value.isString() && value.asString().contains("${")) {
            problems.add(Diagnostic.error(stamp.at(pointer), FieldPaths.display(pointer), "${each." + reference
                    + "} of item \"" + item.key() + "\" is \"" + value.asString() + "\": for_each items are taken as "
                    + "written, so its ${...} would reach Teleport unreplaced; put the value itself in the item"));
            return TEXT.stringNode("");
        }
        return value;
    }

    /**
     * What is wrong with a document's references whatever its items (a template of no items is checked too):
     * an unknown one ({@code ${each.valeu}}), one written otherwise than {@code ${each.key}},
     * {@code ${each.value}} or {@code ${each.value.FIELD}} ({@code ${ each.key }}, {@code ${each}}), which would
     * otherwise go to Teleport as written, and one in a mapping key, which is never replaced.
     */
    private static void checkReferences(SourceDocument document, boolean template, List<Diagnostic> problems) {
        check(document, document.root(), "", template, problems);
    }

    private static void check(SourceDocument document, JsonNode node, String pointer, boolean template,
            List<Diagnostic> problems) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                String child = SourceMap.child(pointer, member.getKey());
                if (pointer.isEmpty() && member.getKey().equals(KEY)) {
                    continue;
                }
                if (ANY_EACH.matcher(member.getKey()).find()) {
                    problems.add(Diagnostic.error(document.keyAt(child), FieldPaths.display(child), "a mapping key is "
                            + "never stamped: ${each...} is replaced in string values only"));
                }
                check(document, member.getValue(), child, template, problems);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                check(document, array.get(i), SourceMap.child(pointer, i), template, problems);
            }
        } else if (node.isString()) {
            String text = node.asString();
            Matcher m = EACH.matcher(text);
            while (template && m.find()) {
                String reference = m.group(2);
                if (m.group(1).isEmpty() && !reference.equals("key") && !reference.equals("value")
                        && !(reference.startsWith("value.") && reference.length() > 6)) {
                    problems.add(Diagnostic.error(document.at(pointer), FieldPaths.display(pointer), "unknown "
                            + "reference ${each." + reference + "}: use ${each.key}, ${each.value} or "
                            + "${each.value.FIELD}"));
                }
            }
            if (ANY_EACH.matcher(EACH.matcher(text).replaceAll("")).find()) {
                problems.add(Diagnostic.error(document.at(pointer), FieldPaths.display(pointer), "\"" + text
                        + "\" is no reference Teleform replaces: write ${each.key}, ${each.value} or "
                        + "${each.value.FIELD}, without spaces (or $${...} for the text itself)"));
            }
        }
    }

    private static String describe(JsonNode value) {
        return value.isObject() ? "a mapping" : value.isArray() ? "a list" : "a single value";
    }

    /** Replaces every {@code ${each...}} in {@code document}'s string values, in place, by what {@code resolve} says. */
    private static void substitute(SourceDocument document, Resolver resolve) {
        visit(document.root(), "", resolve);
    }

    private interface Resolver {
        JsonNode resolve(String pointer, String reference);
    }

    private static void visit(JsonNode node, String pointer, Resolver resolve) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                String child = SourceMap.child(pointer, member.getKey());
                JsonNode value = member.getValue();
                if (mentionsEach(value)) {
                    member.setValue(replaced(value.asString(), child, resolve));
                } else {
                    visit(value, child, resolve);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String child = SourceMap.child(pointer, i);
                JsonNode value = array.get(i);
                if (mentionsEach(value)) {
                    array.set(i, replaced(value.asString(), child, resolve));
                } else {
                    visit(value, child, resolve);
                }
            }
        }
    }

    private static boolean mentionsEach(JsonNode value) {
        return value.isString() && value.asString().contains("{each.");
    }

    private static JsonNode replaced(String text, String pointer, Resolver resolve) {
        Matcher m = EACH.matcher(text);
        if (m.matches() && m.group(1).isEmpty()) {
            return resolve.resolve(pointer, m.group(2)); // the whole value: it keeps its type
        }
        m.reset();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1).isEmpty() ? resolve.resolve(pointer, m.group(2)).asString()
                    : "${each." + m.group(2) + "}";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return TEXT.stringNode(out.toString());
    }
}
