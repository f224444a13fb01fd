package dev.teleform.engine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.source.LoadLimits;
import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.source.StackFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An editor applies a file's {@code $schema} to every document in it, so a file that mixes kinds needs one schema for
 * all of them: {@code document.schema.json} checks each document against its kind's. Every example file names the
 * schema that fits it.
 */
class DocumentSchemaTest {

    private static final Path EXAMPLES = Path.of("../examples");
    private static final Path SCHEMAS = Path.of("../schemas");
    private static final String DOCUMENT = "document.schema.json";
    private static final Pattern HEADER = Pattern.compile("\\A# yaml-language-server: \\$schema=(\\S+)\\n");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static Schema schema(String file) {
        return REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/" + file));
    }

    private static List<String> errors(String schemaFile, JsonNode document) {
        return schema(schemaFile).validate(document).stream().map(Error::toString).toList();
    }

    private static JsonNode yaml(String text) {
        return new StackFileReader(LoadLimits.DEFAULT).read(write(text)).documents().getFirst().root();
    }

    private static Path write(String text) {
        try {
            Path file = Files.createTempFile("document", ".yaml");
            Files.writeString(file, text);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void itNamesEveryKindTeleformReads() throws IOException {
        JsonNode schema = JsonMapper.builder().build().readTree(SCHEMAS.resolve(DOCUMENT).toFile());
        Set<String> kinds = new TreeSet<>();
        schema.at("/properties/kind/enum").forEach(kind -> kinds.add(kind.asString()));
        Set<String> expected = new TreeSet<>(Arrays.stream(ResourceKind.values()).map(ResourceKind::kind).toList());
        expected.add("stack");
        assertEquals(expected, kinds);
        for (String kind : expected) {
            assertTrue(Files.exists(SCHEMAS.resolve(kind + ".schema.json")), kind);
        }
    }

    @Test
    void eachDocumentIsCheckedAgainstItsKindsSchema() {
        String role = "kind: role\nversion: v7\nmetadata: {name: dev}\nspec:\n  allow: {loginz: [ubuntu]}\n";
        assertEquals(errors("role.schema.json", yaml(role)), errors(DOCUMENT, yaml(role)));
        assertFalse(errors(DOCUMENT, yaml(role)).isEmpty(), "the role's own schema finds the mistake");
        String user = "kind: user\nversion: v2\nmetadata: {name: alice}\nspec: {roles: [dev]}\n";
        assertEquals(List.of(), errors(DOCUMENT, yaml(user)));
        assertFalse(errors(DOCUMENT, yaml(user.replace("version: v2", "version: v7"))).isEmpty(),
                "a user is not checked as a role");
        assertFalse(errors(DOCUMENT, yaml("kind: robot\nversion: v1\n")).isEmpty());
        assertFalse(errors(DOCUMENT, yaml("version: v1\nmetadata: {name: x}\n")).isEmpty());
    }

    static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .filter(file -> !file.startsWith(EXAMPLES.resolve("ci"))) // workflows, not stack files
                    .sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void everyExampleFileNamesASchemaThatFitsEachOfItsDocuments(Path file) throws IOException {
        List<SourceDocument> documents = new StackFileReader(LoadLimits.DEFAULT).read(file).documents();
        Set<String> kinds = new TreeSet<>();
        documents.forEach(document -> kinds.add(document.text("kind")));
        kinds.remove("");
        Matcher header = HEADER.matcher(Files.readString(file));
        if (kinds.isEmpty()) {
            assertFalse(header.find(), file + " holds no stack document (a for_each data file): it names no schema");
            return;
        }
        assertTrue(header.find(), file + " starts with # yaml-language-server: $schema=...");
        Path named = file.getParent().resolve(header.group(1)).normalize();
        assertEquals(SCHEMAS.normalize().toAbsolutePath(), named.toAbsolutePath().getParent(), file + " names " + named);
        assertTrue(Files.exists(named), named.toString());
        String schemaFile = named.getFileName().toString();
        assertEquals(kinds.size() == 1 ? kinds.iterator().next() + ".schema.json" : DOCUMENT, schemaFile,
                file + " holds " + kinds + ": one kind names its schema, several name " + DOCUMENT);
        List<String> problems = new ArrayList<>();
        for (SourceDocument document : documents) {
            // What ${...} stands for is known once it is substituted, as Teleform does before it checks a document
            if (!document.root().toString().contains("${")) {
                errors(schemaFile, document.root()).forEach(problem -> problems.add(document.start() + ": " + problem));
                errors(DOCUMENT, document.root()).forEach(problem -> problems.add(document.start() + ": " + problem));
            }
        }
        assertEquals(List.of(), problems);
    }
}
