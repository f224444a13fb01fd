package dev.teleform.engine.stack;

import dev.teleform.engine.render.JsonLine;
import dev.teleform.engine.source.LoadLimits;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every stack under {@code src/test/resources/corpus} is read and its exact report is approved. A
 * case may carry {@code case.properties} with {@code var.NAME}, {@code env.NAME} (the only
 * environment the case sees) and {@code limit.maxFileBytes}.
 */
class BadStackCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");

    static List<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void corpusHasAtLeastFortyStacks() throws IOException {
        assertTrue(cases().size() >= 40, "corpus has " + cases().size() + " stacks");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheseProblems(String name) throws IOException {
        Path dir = CORPUS.resolve(name);
        StackResult result = new StackReader(options(dir)).read(dir);
        Approvals.verify(report(result), new Options().forFile().withAdditionalInformation(name));
    }

    /**
     * The problems as validate prints them, paths relative to the corpus, then the outcome; for a valid stack,
     * each resource as it would be planned (address and document), so that a stamp or a glob placing the wrong
     * thing, or filling in the wrong value, changes the report.
     */
    static String report(StackResult result) {
        String problems = result.diagnostics().format(CORPUS.toAbsolutePath());
        String outcome = switch (result) {
            case StackResult.Valid valid -> "valid: " + valid.stack().summary() + valid.stack().resources().stream()
                    .map(resource -> "\n  " + resource.address() + " " + JsonLine.of(resource.document()))
                    .sorted().collect(Collectors.joining());
            case StackResult.Invalid invalid -> "invalid: " + invalid.diagnostics().errorCount() + " error(s), "
                    + invalid.diagnostics().warningCount() + " warning(s)";
        };
        return (problems.isEmpty() ? "" : problems + "\n") + outcome + "\n";
    }

    static LoadOptions options(Path dir) throws IOException {
        Properties props = new Properties();
        Path file = dir.resolve("case.properties");
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            }
        }
        Map<String, String> vars = new HashMap<>();
        Map<String, String> env = new HashMap<>();
        LoadLimits limits = LoadLimits.DEFAULT;
        for (String key : props.stringPropertyNames()) {
            String value = props.getProperty(key);
            if (key.startsWith("var.")) {
                vars.put(key.substring(4), value);
            } else if (key.startsWith("env.")) {
                env.put(key.substring(4), value);
            } else if (key.equals("limit.maxFileBytes")) {
                limits = new LoadLimits(Long.parseLong(value), limits.maxDepth(), limits.maxAliasNodes(),
                        limits.maxFiles());
            } else {
                throw new IllegalArgumentException(file + ": unknown option " + key);
            }
        }
        return new LoadOptions(vars, env::get, limits);
    }
}
