package dev.teleform.engine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.teleform.engine.addr.ResourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The schema files are what editors load, so they must be valid draft 2020-12 schemas themselves. */
class SchemaFilesTest {

    private static final Path SCHEMAS = Path.of("../schemas");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<Path> schemaFiles() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            return files.filter(f -> f.toString().endsWith(".schema.json")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void isAValidDraft202012Schema(Path file) throws IOException {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        JsonNode schema = JSON.readTree(file.toFile());
        List<Error> errors = meta.validate(schema);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asString());
    }

    @Test
    void everyManagedKindAndTheStackHaveASchema() {
        for (ResourceKind kind : ResourceKind.values()) {
            assertTrue(Files.exists(SCHEMAS.resolve(SchemaCatalog.schemaFile(kind))), kind.kind());
        }
        assertTrue(Files.exists(SCHEMAS.resolve(SchemaCatalog.STACK_SCHEMA)));
    }

    @Test
    void roleSchemaCoversTeleportsRoleSpec() throws IOException {
        JsonNode role = JSON.readTree(SCHEMAS.resolve("role.schema.json").toFile());
        Set<String> conditions = names(role.at("/$defs/conditions/properties"));
        Set<String> options = names(role.at("/$defs/options/properties"));
        assertTrue(conditions.containsAll(Set.of("logins", "node_labels", "rules", "kubernetes_groups", "request",
                "impersonate", "review_requests", "db_labels", "app_labels", "kubernetes_resources", "join_sessions",
                "require_session_join", "db_permissions", "spiffe", "workload_identity_labels")), conditions::toString);
        assertTrue(options.containsAll(Set.of("max_session_ttl", "forward_agent", "cert_format", "record_session",
                "require_session_mfa", "create_host_user_mode", "ssh_port_forwarding", "device_trust_mode")),
                options::toString);
        assertEquals(Boolean.FALSE, role.at("/$defs/conditions/additionalProperties").asBoolean(true));
    }

    @Test
    void setsAreMarkedForTheDiff() throws IOException {
        JsonNode common = JSON.readTree(SCHEMAS.resolve("common.schema.json").toFile());
        assertTrue(common.at("/$defs/stringSet/x-teleform-set").asBoolean());
        JsonNode role = JSON.readTree(SCHEMAS.resolve("role.schema.json").toFile());
        assertEquals("common.schema.json#/$defs/stringSet",
                role.at("/$defs/conditions/properties/logins/$ref").asString());
    }

    private static Set<String> names(JsonNode object) {
        return Set.copyOf(StreamSupport.stream(object.propertyNames().spliterator(), false).toList());
    }
}
