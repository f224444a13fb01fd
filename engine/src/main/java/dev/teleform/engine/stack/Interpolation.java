package dev.teleform.engine.stack;

import dev.teleform.engine.source.FieldPaths;
import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.source.SourceMap;
import dev.teleform.engine.diag.Diagnostic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * a laptop and a CI runner). {@code ${env:NAME:?message}}, also as in a shell, makes an empty value an
 * error too, with the message (a CI job's missing secret comes as an empty variable, and must not quietly
 * become a laptop's default). Only the environment variables the stack declares in
 * {@code spec.environment} can be read; that list itself is never substituted. Values are never
 * logged, since they may be secrets.
 */
final class Interpolation {

    private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{([A-Za-z]+):([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> vars;
    private final UnaryOperator<String> env;
    private final DeclaredEnvironment declared;

    Interpolation(Map<String, String> vars, UnaryOperator<String> env, DeclaredEnvironment declared) {
        this.vars = Map.copyOf(vars);
        this.env = env;
        this.declared = declared;
    }

    static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * What substituting one document found.
     *
     * @param sensitive pointers of the string values that took (even part of) a sensitive variable's value
     *                  or default: each is sensitive as a whole
     * @param secrets   the sensitive variables' values read, for scrubbing messages
     * @param reads     the values read that are the stack's meaning, for the stack digest ({@link ContentDigest})
     */
    record Substitution(List<Diagnostic> problems, Set<String> sensitive, Set<String> secrets, Set<Read> reads) {
        static final Substitution NONE = new Substitution(List.of(), Set.of(), Set.of(), Set.of());
    }

    /**
     * A value the stack read that is part of its meaning: a non-sensitive {@code ${env:NAME}}, or a
     * {@code ${var:NAME}} (a {@code --var} has no sensitive form: a secret belongs in a sensitive environment
     * variable, so every {@code --var} the stack reads is what a reviewer saw in the plan); never one read inside
     * the stack document's {@link ConnectionSettings}, which say how to reach state and Teleport, not what the
     * stack is.
     *
     * @param reference {@code env:NAME} or {@code var:NAME}
     * @param value     what it held, or null when it was unset
     */
    record Read(String reference, String value) {}

    /** Rewrites the document's string values in place. */
    Substitution apply(SourceDocument document) {
        Walk walk = new Walk(document);
        walk.visit(document.root());
        return new Substitution(List.copyOf(walk.problems), Set.copyOf(walk.sensitive), Set.copyOf(walk.secrets),
                Set.copyOf(walk.reads));
    }

    /** One document's substitution; {@code path} holds the keys and indexes down to the current node. */
    private final class Walk {
        private final SourceDocument document;
        private final boolean stackDocument;
        private final Deque<Object> path = new ArrayDeque<>();
        private final List<Diagnostic> problems = new ArrayList<>();
        private final Set<String> sensitive = new HashSet<>();
        private final Set<String> secrets = new HashSet<>();
        private final Set<Read> reads = new HashSet<>();

        Walk(SourceDocument document) {
            this.document = document;
            this.stackDocument = StackValidator.STACK_KIND.equals(document.text("kind"));
        }

        void visit(JsonNode node) {
            if (node instanceof ObjectNode object) {
                for (Map.Entry<String, JsonNode> member : object.properties()) {
                    path.addLast(member.getKey());
                    if (!isDeclaration()) {
                        JsonNode value = member.getValue();
                        if (mentionsReference(value)) {
                            member.setValue(substitute(value.asString()));
                        } else {
                            visit(value);
                        }
                    }
                    path.removeLast();
                }
            } else if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    path.addLast(i);
                    JsonNode value = array.get(i);
                    if (mentionsReference(value)) {
                        array.set(i, substitute(value.asString()));
                    } else {
                        visit(value);
                    }
                    path.removeLast();
                }
            }
        }

        private static boolean mentionsReference(JsonNode value) {
            return value.isString() && value.asString().contains("${");
        }

        /** {@code spec.environment} of the stack document decides what may be read, so it is read as written. */
        private boolean isDeclaration() {
            return stackDocument && path.size() == 2 && "spec".equals(path.peekFirst())
                    && "environment".equals(path.peekLast());
        }

        /** The current node's pointer, built only when needed. */
        private String pointer() {
            String pointer = "";
            for (Object step : path) {
                pointer = step instanceof Integer index ? SourceMap.child(pointer, index)
                        : SourceMap.child(pointer, (String) step);
            }
            return pointer;
        }

        private JsonNode substitute(String text) {
            String pointer = pointer();
            Matcher m = REFERENCE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String source = m.group(2);
                String name = m.group(3);
                String replacement = m.group(1).isEmpty() ? resolve(source, name, pointer)
                        : "${" + source + ":" + name + "}";
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return JsonNodeFactory.instance.stringNode(out.toString());
        }

        private String resolve(String source, String reference, String pointer) {
            int colon = reference.indexOf(':');
            String name = colon < 0 ? reference : reference.substring(0, colon);
            String modifier = colon < 0 ? "" : reference.substring(colon + 1);
            if (!isName(name)) {
                error(pointer, "\"" + name + "\" is not a valid variable name in ${" + source + ":" + name + "}");
                return "";
            }
            if (colon >= 0 && !modifier.startsWith("-") && !modifier.startsWith("?")) {
                error(pointer, "${" + source + ":" + reference + "}: after the name comes :-DEFAULT or :?MESSAGE");
                return "";
            }
            if (!readable(source, name, pointer)) {
                return "";
            }
            String value = source.equals("env") ? readEnvironment(name, pointer) : readVar(name);
            if (modifier.startsWith("-") && (value == null || value.isEmpty())) {
                return modifier.substring(1);
            }
            if (value == null || modifier.startsWith("?") && value.isEmpty()) {
                String what = source.equals("env") ? "environment variable " + name : "variable " + name;
                String why = value == null ? " is not set" : " is empty";
                String message = modifier.length() > 1 ? ": " + modifier.substring(1).strip()
                        : source.equals("env") || value != null ? "" : " (pass --var " + name + "=VALUE)";
                error(pointer, what + why + message);
                return "";
            }
            return value;
        }

        /** Whether {@code ${source:name}} may be read at all; says why not where it may not. */
        private boolean readable(String source, String name, String pointer) {
            return switch (source) {
                case "env" -> {
                    if (!declared.declares(name)) {
                        error(pointer, "${env:" + name + "} reads an environment variable the stack does not declare: "
                                + "add " + name + " to spec.environment in the kind: stack document");
                    }
                    yield declared.declares(name);
                }
                case "var" -> true;
                default -> {
                    error(pointer, "unknown substitution ${" + source + ":" + name + "}: use ${env:NAME} or "
                            + "${var:NAME} (write $${...} for a literal ${...})");
                    yield false;
                }
            };
        }

        /** A declared environment variable, null when unset; a sensitive one's value is kept for scrubbing messages. */
        private String readEnvironment(String name, String pointer) {
            String read = env.apply(name);
            if (declared.isSensitive(name)) {
                sensitive.add(pointer);
                if (read != null) {
                    secrets.add(read);
                }
            } else {
                meant("env:" + name, read);
            }
            return read;
        }

        private String readVar(String name) {
            String read = vars.get(name);
            meant("var:" + name, read);
            return read;
        }

        private void meant(String reference, String value) {
            if (!(stackDocument && ConnectionSettings.covers(List.copyOf(path)))) {
                reads.add(new Read(reference, value));
            }
        }

        private void error(String pointer, String message) {
            problems.add(Diagnostic.error(document.at(pointer), FieldPaths.display(pointer), message));
        }
    }
}
