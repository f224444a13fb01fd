package dev.teleform.engine.source;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads the YAML documents of one file into JSON trees, recording the position of every key and
 * value. Jackson's tree model drops locations and reports aliases as plain strings, so the tree is
 * built here from the token stream: duplicate keys are reported (all of them, not just the first),
 * aliases and {@code <<} merge keys are expanded within {@link LoadLimits#maxAliasNodes()}, and
 * nesting is capped at {@link LoadLimits#maxDepth()}.
 */
final class YamlTreeReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MERGE_KEY = "<<";

    private final Path file;
    private final LoadLimits limits;
    private final YAMLMapper mapper;
    private final List<Diagnostic> problems = new ArrayList<>();
    private final Map<String, Anchored> anchors = new HashMap<>();
    /** One instance per distinct key and pointer of the file: documents of a file repeat them. */
    private final Map<String, String> names = new HashMap<>();
    /** Whether positions are recorded; without, documents get {@link #deferred} positions, made when asked for. */
    private final boolean located;
    private final DeferredPositions deferred;
    private final SourcePosition unlocated;
    private SourceMap.Builder positions;
    private YAMLParser parser;
    private long aliasNodes;
    private long nodeCount;
    private boolean complete = true;

    private record Anchored(JsonNode node, String pointer, long size) {}

    /** Thrown to abandon a file whose remaining content cannot be read safely. */
    private static final class Abandon extends RuntimeException {
        private Abandon() {
            super(null, null, false, false);
        }
    }

    /** A reader that records the position of every key and value. */
    YamlTreeReader(Path file, LoadLimits limits) {
        this(file, limits, null);
    }

    /**
     * A reader that records no positions when {@code deferred} is given (a file without problems is read
     * about twice as fast, and a large stack holds hundreds of thousands of positions): its documents find
     * theirs through {@code deferred}, which reads the file again the first time one is needed. Problems it
     * reports carry no positions, so a file with problems is read again by a reader that records them.
     */
    YamlTreeReader(Path file, LoadLimits limits, DeferredPositions deferred) {
        this.file = file;
        this.limits = limits;
        this.located = deferred == null;
        this.deferred = deferred;
        this.unlocated = SourcePosition.wholeFile(file);
        // The YAML 1.2 core schema reads ~ and Null as null, as Teleport's own YAML parsing does.
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
                .build();
        // Duplicate keys are reported here, all of them, so Jackson's fail-at-the-first check is off.
        YAMLFactory factory = YAMLFactory.builder()
                .loadSettings(settings)
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = YAMLMapper.builder(factory).build();
    }

    /** The file's non-empty documents; problems go to {@link #problems()}. */
    List<SourceDocument> read(String text) {
        List<SourceDocument> documents = new ArrayList<>();
        read(text, (root, start) -> {
            if (root.isObject()) {
                documents.add(new SourceDocument((ObjectNode) root, located ? positions.build()
                        : SourceMap.deferred(file, deferred, documents.size())));
            } else {
                problems.add(Diagnostic.error(start, "",
                        "a stack document must be a mapping with kind, version, metadata and spec, not a "
                                + describe(root)));
                positions.build();
            }
        });
        return documents;
    }

    /** The file's non-empty documents as values of any kind (a data file's list, say), with their positions. */
    List<SourceValue> readValues(String text) {
        List<SourceValue> values = new ArrayList<>();
        read(text, (root, start) -> values.add(new SourceValue(root, positions.build())));
        return values;
    }

    private interface RootConsumer {
        void accept(JsonNode root, SourcePosition start);
    }

    private void read(String text, RootConsumer consumer) {
        positions = new SourceMap.Builder(file, names);
        try (JsonParser p = mapper.createParser(text)) {
            parser = (YAMLParser) p;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                anchors.clear();
                SourcePosition start = here();
                JsonNode root = readValue(token, "", 1);
                if (root == null || root.isNull()) {
                    positions.build();
                } else {
                    consumer.accept(root, start);
                }
            }
        } catch (JacksonException e) {
            problems.add(syntaxError(e));
            complete = false;
        } catch (Abandon e) {
            complete = false; // the reason is already in problems
        }
    }

    List<Diagnostic> problems() {
        return List.copyOf(problems);
    }

    /** False when reading stopped early (bad syntax, limits), so later documents are missing. */
    boolean complete() {
        return complete;
    }

    /** The value at the current token, or null for an unresolved alias (reported; the field is left out). */
    private JsonNode readValue(JsonToken token, String pointer, int depth) {
        SourcePosition position = here();
        if (parser.isCurrentAlias()) {
            return expandAlias(parser.getString(), pointer, position);
        }
        String anchor = parser.getObjectId() instanceof String name ? name : null;
        if (located) {
            positions.value(pointer, position);
        }
        long before = nodeCount;
        JsonNode node = switch (token) {
            case START_OBJECT -> readObject(pointer, depth);
            case START_ARRAY -> readArray(pointer, depth);
            case VALUE_STRING -> NODES.stringNode(parser.getString());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> parser.isNaN() ? notANumber(pointer, position) : NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> NODES.stringNode(parser.getString());
            default -> throw new IllegalStateException("unexpected YAML token " + token + " at " + position);
        };
        nodeCount++;
        if (anchor != null) {
            anchors.put(anchor, new Anchored(node, pointer, nodeCount - before));
        }
        return node;
    }

    private ObjectNode readObject(String pointer, int depth) {
        checkDepth(depth);
        ObjectNode object = NODES.objectNode();
        Map<String, SourcePosition> seen = new HashMap<>();
        List<Merge> merges = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            String key = names.computeIfAbsent(parser.currentName(), name -> name);
            SourcePosition keyPosition = here();
            String member = child(pointer, key);
            JsonNode value = readValue(parser.nextToken(), member, depth + 1);
            if (value == null) {
                continue;
            }
            if (MERGE_KEY.equals(key)) {
                collectMerges(value, member, keyPosition, merges);
                continue;
            }
            SourcePosition first = seen.putIfAbsent(key, keyPosition);
            if (first != null) {
                problems.add(Diagnostic.error(keyPosition, FieldPaths.display(member),
                        "duplicate key \"" + key + "\" (first set at line " + first.line() + ")"));
                continue;
            }
            if (located) {
                positions.key(member, keyPosition);
            }
            object.set(key, value);
        }
        for (Merge merge : merges) {
            merge.object().properties().forEach(entry -> {
                if (!object.has(entry.getKey())) {
                    object.set(entry.getKey(), entry.getValue().deepCopy());
                    if (located) {
                        positions.copySubtree(SourceMap.child(merge.pointer(), entry.getKey()),
                                SourceMap.child(pointer, entry.getKey()));
                    }
                }
            });
        }
        return object;
    }

    /** A mapping merged in with {@code <<}, and where its own positions were recorded. */
    private record Merge(ObjectNode object, String pointer) {}

    private void collectMerges(JsonNode value, String pointer, SourcePosition at, List<Merge> merges) {
        if (value.isNull()) {
            return; // "<<: ~"
        }
        if (value instanceof ObjectNode object) {
            merges.add(new Merge(object, pointer));
        } else if (value instanceof ArrayNode array && array.valueStream().allMatch(JsonNode::isObject)) {
            for (int i = 0; i < array.size(); i++) {
                merges.add(new Merge((ObjectNode) array.get(i), child(pointer, i)));
            }
        } else {
            problems.add(Diagnostic.error(at, "", "a \"<<\" merge key takes a mapping or a list of mappings"));
        }
    }

    private ArrayNode readArray(String pointer, int depth) {
        checkDepth(depth);
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            JsonNode element = readValue(token, child(pointer, array.size()), depth + 1);
            if (element != null) {
                array.add(element);
            }
        }
        return array;
    }

    /**
     * {@code .inf}, {@code -.inf} and {@code .nan}: YAML floats that JSON, and so Teleport, cannot hold. Its text
     * stands in for it, so that what follows keeps its place (a list's later elements, their positions) and no
     * second message is made about the same value; the error makes the stack invalid anyway.
     */
    private JsonNode notANumber(String pointer, SourcePosition position) {
        problems.add(Diagnostic.error(position, FieldPaths.display(pointer), "\"" + parser.getString()
                + "\" is not a number Teleport can take (infinity and NaN have no JSON form); quote it if it is text"));
        return NODES.stringNode(parser.getString());
    }

    private JsonNode expandAlias(String name, String pointer, SourcePosition position) {
        Anchored anchored = anchors.get(name);
        if (anchored == null) {
            problems.add(Diagnostic.error(position, "", "alias *" + name + " refers to no anchor &" + name
                    + " earlier in this document"));
            return null;
        }
        aliasNodes += anchored.size();
        if (aliasNodes > limits.maxAliasNodes()) {
            problems.add(Diagnostic.error(position, "", "YAML aliases expand to more than " + limits.maxAliasNodes()
                    + " nodes in this file; refusing to expand further (is this a \"billion laughs\" file?)"));
            throw new Abandon();
        }
        if (located) {
            positions.copySubtree(anchored.pointer(), pointer);
            positions.value(pointer, position);
        }
        nodeCount += anchored.size();
        return anchored.node().deepCopy();
    }

    private void checkDepth(int depth) {
        if (depth > limits.maxDepth()) {
            problems.add(Diagnostic.error(here(), "",
                    "nesting is deeper than " + limits.maxDepth() + " levels; Teleport resources are never this deep"));
            throw new Abandon();
        }
    }

    private SourcePosition here() {
        return located ? position(parser.currentTokenLocation()) : unlocated;
    }

    private String child(String pointer, String token) {
        return located ? SourceMap.child(pointer, token) : "";
    }

    private String child(String pointer, int index) {
        return located ? SourceMap.child(pointer, index) : "";
    }

    private SourcePosition position(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return SourcePosition.wholeFile(file);
        }
        return new SourcePosition(file, location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    /**
     * SnakeYAML knows where the problem is (its problem mark) and what it was doing (its context);
     * Jackson's own location is the context's, often a line early, so the mark is preferred.
     */
    private Diagnostic syntaxError(JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
            Mark mark = marked.getProblemMark().get();
            String problem = oneLine(String.valueOf(marked.getProblem()));
            String context = marked.getContext() == null ? "" : " (" + oneLine(marked.getContext())
                    + marked.getContextMark().filter(start -> start.getLine() != mark.getLine())
                            .map(start -> " that starts at line " + (start.getLine() + 1)).orElse("")
                    + ")";
            return Diagnostic.error(new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1), "",
                    "invalid YAML: " + problem + context);
        }
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return Diagnostic.error(position(e.getLocation()), "", "invalid YAML: " + oneLine(message));
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s+", " ").strip();
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "sequence";
        }
        return node.isString() ? "string" : "scalar";
    }

}
