package dev.teleform.engine.schema;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.DidYouMean;
import dev.teleform.engine.source.FieldPaths;
import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.source.SourceMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * Rewrites networknt validation errors as Teleform diagnostics: the position comes from the
 * document's source map, the field is shown dotted, and each message says what to write instead.
 * A schema object may override the text per keyword with {@code "x-teleform-message": {keyword: text}},
 * which is how Teleport's own wording ("regions is required") reaches the user. An enum may refuse a value it
 * once took, or that a user may expect, with its reason: {@code "x-teleform-refused": {value: text}}.
 */
final class SchemaFindings {

    private static final String MESSAGE_ANNOTATION = "x-teleform-message";
    private static final String REFUSED_ANNOTATION = "x-teleform-refused";
    private static final int MAX_LISTED = 8;

    private final Function<String, JsonNode> schemaSource;
    private final SourceDocument document;

    SchemaFindings(Function<String, JsonNode> schemaSource, SourceDocument document) {
        this.schemaSource = schemaSource;
        this.document = document;
    }

    List<Diagnostic> translate(List<Error> errors) {
        Set<String> suggested = suggestedMembers(errors);
        Set<Diagnostic> out = new LinkedHashSet<>();
        for (Error error : errors) {
            if (insideCombinator(error) || isMisspeltRequired(error, suggested)) {
                continue;
            }
            out.add(translate(error));
        }
        return new ArrayList<>(out);
    }

    /** Pointers of the fields that "did you mean" hints will name, such as /metadata for "metdata". */
    private Set<String> suggestedMembers(List<Error> errors) {
        Set<String> members = new HashSet<>();
        for (Error error : errors) {
            if ("additionalProperties".equals(error.getKeyword())) {
                String pointer = pointer(error.getInstanceLocation());
                DidYouMean.closest(error.getProperty(), knownProperties(subschema(error)))
                        .ifPresent(known -> members.add(SourceMap.child(pointer, known)));
            }
        }
        return members;
    }

    /** "metadata is required" adds nothing when "metdata: did you mean metadata?" is reported. */
    private static boolean isMisspeltRequired(Error error, Set<String> suggested) {
        return "required".equals(error.getKeyword())
                && suggested.contains(SourceMap.child(pointer(error.getInstanceLocation()), error.getProperty()));
    }

    /** The fields a hint may suggest: not those the schema names only to refuse ({@code "not": {}}). */
    private static List<String> knownProperties(JsonNode subschema) {
        JsonNode properties = subschema.path("properties");
        return StreamSupport.stream(properties.propertyNames().spliterator(), false)
                .filter(name -> !properties.path(name).has("not"))
                .toList();
    }

    /** Errors of the branches of a oneOf/anyOf are noise: the combinator's own error speaks for them. */
    private static boolean insideCombinator(Error error) {
        NodePath path = error.getEvaluationPath();
        for (int i = 0; i < path.getNameCount() - 1; i++) {
            String name = path.getName(i);
            if ("oneOf".equals(name) || "anyOf".equals(name)) {
                return true;
            }
        }
        return false;
    }

    private Diagnostic translate(Error error) {
        String pointer = pointer(error.getInstanceLocation());
        JsonNode subschema = subschema(error);
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        String custom = subschema.path(MESSAGE_ANNOTATION).path(keyword).asString(null);
        JsonNode value = error.getInstanceNode();
        if ("enum".equals(keyword) && value != null && value.isString()) {
            custom = subschema.path(REFUSED_ANNOTATION).path(value.asString()).asString(custom);
        }
        return switch (keyword) {
            case "additionalProperties" -> unknownField(pointer, error.getProperty(), subschema);
            case "required" -> {
                String member = SourceMap.child(pointer, error.getProperty());
                yield Diagnostic.error(document.at(pointer), FieldPaths.display(member),
                        custom != null ? custom : "is required");
            }
            // a field refused whatever its value is pointed at by its name, like an unknown one
            case "not" -> Diagnostic.error(document.keyAt(pointer), FieldPaths.display(pointer),
                    custom != null ? custom : "is not allowed here");
            default -> Diagnostic.error(document.at(pointer), FieldPaths.display(pointer),
                    custom != null ? custom : describe(keyword, subschema, error));
        };
    }

    private Diagnostic unknownField(String pointer, String property, JsonNode subschema) {
        String member = SourceMap.child(pointer, property);
        List<String> known = knownProperties(subschema);
        String hint = DidYouMean.hint(property, known);
        if (hint.isEmpty() && !known.isEmpty() && known.size() <= MAX_LISTED) {
            hint = "; expected one of: " + String.join(", ", known);
        }
        return Diagnostic.error(document.keyAt(member), FieldPaths.display(member), "unknown field" + hint);
    }

    private String describe(String keyword, JsonNode subschema, Error error) {
        JsonNode value = error.getInstanceNode();
        return switch (keyword) {
            case "type" -> "must be " + expectedType(subschema.path("type")) + " (found " + typeName(value)
                    + (quotingHelps(subschema.path("type"), value) ? "; put it in quotes" : "") + ")";
            case "enum" -> {
                List<String> allowed = StreamSupport.stream(subschema.path("enum").spliterator(), false)
                        .map(SchemaFindings::literal).toList();
                String hint = value != null && value.isString() ? DidYouMean.hint(value.asString(),
                        allowed.stream().map(a -> a.replace("\"", "")).toList()) : "";
                yield "must be one of " + String.join(", ", allowed) + hint;
            }
            case "const" -> "must be " + literal(subschema.path("const"));
            case "minLength" -> subschema.path("minLength").asInt() == 1 ? "must be a non-empty string"
                    : "must be at least " + subschema.path("minLength").asInt() + " characters";
            case "minItems" -> subschema.path("minItems").asInt() == 1 ? "must not be empty"
                    : "must have at least " + subschema.path("minItems").asInt() + " items";
            case "uniqueItems" -> "must not list the same value twice";
            case "minimum" -> "must be at least " + subschema.path("minimum").asString();
            case "pattern" -> "must match " + subschema.path("pattern").asString();
            case "format" -> "date-time".equals(subschema.path("format").asString())
                    ? "must be an RFC 3339 time such as 2027-01-31T00:00:00Z"
                    : "must be a valid " + subschema.path("format").asString();
            case "oneOf", "anyOf" -> "does not match any of the allowed forms";
            case "false" -> "is not allowed here";
            default -> error.getMessage();
        };
    }

    /** YAML reads 123456789012 or yes unquoted as a number or boolean where a string was meant. */
    private static boolean quotingHelps(JsonNode type, JsonNode value) {
        boolean wantsString = type.isArray() ? StreamSupport.stream(type.spliterator(), false)
                .anyMatch(t -> "string".equals(t.asString())) : "string".equals(type.asString());
        return wantsString && value != null && (value.isNumber() || value.isBoolean());
    }

    private static String expectedType(JsonNode type) {
        if (type.isArray()) {
            return StreamSupport.stream(type.spliterator(), false)
                    .map(t -> typeWord(t.asString()))
                    .collect(Collectors.joining(" or "));
        }
        return typeWord(type.asString());
    }

    private static String typeWord(String type) {
        return switch (type) {
            case "string" -> "a string";
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "boolean" -> "true or false";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "null" -> "null";
            default -> type;
        };
    }

    private static String typeName(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isBoolean()) {
            return "true/false";
        }
        if (value.isNumber()) {
            return "the number " + value.asString();
        }
        return "a string";
    }

    private static String literal(JsonNode node) {
        return node.isString() ? "\"" + node.asString() + "\"" : node.toString();
    }

    /** The schema object that holds the failing keyword, read from the schema's own JSON. */
    private JsonNode subschema(Error error) {
        var location = error.getSchemaLocation();
        String iri = location.getAbsoluteIri() == null ? "" : location.getAbsoluteIri().toString();
        String file = iri.substring(iri.lastIndexOf('/') + 1);
        JsonNode node = schemaSource.apply(file);
        NodePath fragment = location.getFragment();
        int keywordSegments = 1;
        for (int i = 0; i < fragment.getNameCount() - keywordSegments; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
        }
        return node;
    }

    private static String pointer(NodePath path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            out.append(element instanceof Integer index ? SourceMap.child("", index)
                    : SourceMap.child("", String.valueOf(element)));
        }
        return out.toString();
    }
}
