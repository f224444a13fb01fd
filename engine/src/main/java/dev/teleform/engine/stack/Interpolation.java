package dev.teleform.engine.stack;

import dev.teleform.engine.source.FieldPaths;
import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.source.SourceMap;
import dev.teleform.engine.diag.Diagnostic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Substitutes {@code ${env:NAME}} (environment) and {@code ${var:NAME}} ({@code --var NAME=VALUE})
 * in string values, before validation. {@code $${...}} is a literal {@code ${...}}. An unset name
 * is an error at the value's position, unless the reference carries a default as in a shell,
 * {@code ${env:NAME:-fallback}}, which is used when the name is unset or empty (so one stack serves
 * a laptop and a CI runner). Values are never logged, since they may be secrets.
 */
final class Interpolation {

    private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{([A-Za-z]+):([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> vars;
    private final UnaryOperator<String> env;

    Interpolation(Map<String, String> vars, UnaryOperator<String> env) {
        this.vars = Map.copyOf(vars);
        this.env = env;
    }

    /** Rewrites the document's string values in place and returns the problems found. */
    List<Diagnostic> apply(SourceDocument document) {
        List<Diagnostic> problems = new ArrayList<>();
        visit(document.root(), new ArrayDeque<>(), document, problems);
        return problems;
    }

    /** {@code path} holds the keys and indexes down to {@code node}; pointers are built only when needed. */
    private void visit(JsonNode node, Deque<Object> path, SourceDocument document, List<Diagnostic> problems) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                path.addLast(member.getKey());
                JsonNode value = member.getValue();
                if (value.isString() && value.asString().contains("${")) {
                    member.setValue(substitute(value.asString(), pointer(path), document, problems));
                } else {
                    visit(value, path, document, problems);
                }
                path.removeLast();
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                path.addLast(i);
                JsonNode value = array.get(i);
                if (value.isString() && value.asString().contains("${")) {
                    array.set(i, substitute(value.asString(), pointer(path), document, problems));
                } else {
                    visit(value, path, document, problems);
                }
                path.removeLast();
            }
        }
    }

    private static String pointer(Deque<Object> path) {
        String pointer = "";
        for (Object step : path) {
            pointer = step instanceof Integer index ? SourceMap.child(pointer, index)
                    : SourceMap.child(pointer, (String) step);
        }
        return pointer;
    }

    private JsonNode substitute(String text, String pointer, SourceDocument document, List<Diagnostic> problems) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String source = m.group(2);
            String name = m.group(3);
            String replacement = m.group(1).isEmpty() ? resolve(source, name, pointer, document, problems)
                    : "${" + source + ":" + name + "}";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return JsonNodeFactory.instance.stringNode(out.toString());
    }

    private String resolve(String source, String name, String pointer, SourceDocument document,
            List<Diagnostic> problems) {
        String field = FieldPaths.display(pointer);
        int split = name.indexOf(":-");
        String fallback = split < 0 ? null : name.substring(split + 2);
        name = split < 0 ? name : name.substring(0, split);
        if (!NAME.matcher(name).matches()) {
            problems.add(Diagnostic.error(document.at(pointer), field,
                    "\"" + name + "\" is not a valid variable name in ${" + source + ":" + name + "}"));
            return "";
        }
        String value = switch (source) {
            case "env" -> env.apply(name);
            case "var" -> vars.get(name);
            default -> {
                problems.add(Diagnostic.error(document.at(pointer), field, "unknown substitution ${" + source + ":"
                        + name + "}: use ${env:NAME} or ${var:NAME} (write $${...} for a literal ${...})"));
                yield "";
            }
        };
        if (fallback != null && (value == null || value.isEmpty())) {
            return fallback;
        }
        if (value == null) {
            String how = source.equals("env") ? "environment variable " + name + " is not set"
                    : "variable " + name + " is not set (pass --var " + name + "=VALUE)";
            problems.add(Diagnostic.error(document.at(pointer), field, how));
            return "";
        }
        return value;
    }
}
