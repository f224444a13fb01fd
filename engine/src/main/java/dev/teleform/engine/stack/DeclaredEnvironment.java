package dev.teleform.engine.stack;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.source.FieldPaths;
import dev.teleform.engine.source.SourceDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code spec.environment}: the only environment variables {@code ${env:NAME}} may read, so that a
 * plan posted on a pull request can show no variable of the CI job that the stack does not name;
 * and which of them are sensitive. Read from the stack document as written, before any substitution,
 * because it decides what substitution may read.
 *
 * @param sensitive for each declared name, whether its value is sensitive
 */
record DeclaredEnvironment(Map<String, Boolean> sensitive) {

    static final String POINTER = "/spec/environment";
    static final DeclaredEnvironment NONE = new DeclaredEnvironment(Map.of());

    DeclaredEnvironment {
        sensitive = Map.copyOf(sensitive);
    }

    boolean declares(String name) {
        return sensitive.containsKey(name);
    }

    boolean isSensitive(String name) {
        return sensitive.getOrDefault(name, false);
    }

    /**
     * The declaration in {@code stack}, reporting names listed twice. Entries of the wrong shape or
     * with a bad name are the schema's to report and are skipped here.
     */
    static DeclaredEnvironment read(SourceDocument stack, List<Diagnostic> problems) {
        JsonNode list = stack.root().path("spec").path("environment");
        Map<String, Boolean> declared = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            JsonNode entry = list.get(i);
            JsonNode name = entry.isObject() ? entry.path("name") : entry;
            if (!name.isString() || !Interpolation.isName(name.asString())) {
                continue;
            }
            String pointer = POINTER + "/" + i;
            Integer first = firstLine.putIfAbsent(name.asString(), stack.at(pointer).line());
            if (first != null) {
                problems.add(Diagnostic.error(stack.at(pointer), FieldPaths.display(pointer), name.asString()
                        + " is listed twice (first at line " + first + "); list each variable once"));
                continue;
            }
            declared.put(name.asString(), sensitive(entry));
        }
        return new DeclaredEnvironment(declared);
    }

    /** Anything but {@code sensitive: false} or no {@code sensitive} at all errs on the side of hiding. */
    private static boolean sensitive(JsonNode entry) {
        JsonNode flag = entry.path("sensitive");
        return !flag.isMissingNode() && !(flag.isBoolean() && !flag.asBoolean());
    }
}
