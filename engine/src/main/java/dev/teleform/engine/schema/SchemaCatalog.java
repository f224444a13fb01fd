package dev.teleform.engine.schema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.source.SourceDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stack document schemas, compiled once per process and shared (compiled schemas are
 * thread-safe). {@link #validate} returns Teleform diagnostics, never networknt's own types.
 */
public final class SchemaCatalog {

    /** Where the schemas sit on the class path; the engine jar packages {@code schemas/} there. */
    static final String ROOT = "schemas/";
    public static final String STACK_SCHEMA = "stack.schema.json";

    /** The file under {@code schemas/} that describes documents of {@code kind}. */
    public static String schemaFile(ResourceKind kind) {
        return kind.kind() + ".schema.json";
    }

    private static final SchemaCatalog INSTANCE = new SchemaCatalog();

    /**
     * Made at the first validation: a run whose documents all come checked from the cache of parsed files
     * compiles no schema (plans still read the schemas' own JSON, for {@link FieldSemantics}).
     */
    private static final class Registry {
        static final SchemaRegistry INSTANCE = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
    }

    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> sources = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

    private SchemaCatalog() {
    }

    public static SchemaCatalog shared() {
        return INSTANCE;
    }

    /** Validates a whole document against {@code schemaFile} (a file name under {@code schemas/}). */
    public List<Diagnostic> validate(String schemaFile, SourceDocument document) {
        Schema schema = compiled.computeIfAbsent(schemaFile,
                file -> Registry.INSTANCE.getSchema(SchemaLocation.of("classpath:" + ROOT + file)));
        return new SchemaFindings(this::source, document).translate(schema.validate(document.root()));
    }

    /** The raw JSON of a schema file, to read properties and Teleform annotations from. */
    JsonNode source(String schemaFile) {
        return sources.computeIfAbsent(schemaFile, file -> {
            try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(ROOT + file)) {
                if (in == null) {
                    throw new IllegalStateException("schema " + ROOT + file + " missing from the class path");
                }
                return json.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
