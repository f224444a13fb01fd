package dev.teleform.engine.stack;

import dev.teleform.engine.diag.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes stack files into a directory and reads them back as a user's stack would be read. */
final class StackFixture {

    static final String STACK = """
            kind: stack
            version: v1
            metadata:
              name: test
            spec:
              provider: simulator
            """;

    static final String CLUSTER = dev.teleform.engine.testing.TestStacks.WORKLOAD_CLUSTER;

    private final Path dir;

    StackFixture(Path dir) {
        this.dir = dir;
    }

    StackFixture file(String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stack settings file for {@code provider}, with {@code moreSpec} (lines indented under {@code spec:}) added. */
    static String settings(String provider, String moreSpec) {
        return STACK.replace("provider: simulator\n", "provider: " + provider + "\n") + moreSpec;
    }

    /** The stack read, which must be valid (a test's failure message lists its problems). */
    Stack valid() {
        StackResult result = read();
        return org.junit.jupiter.api.Assertions.assertInstanceOf(StackResult.Valid.class, result,
                () -> result.diagnostics().format(dir)).stack();
    }

    StackResult read() {
        return read(Map.of());
    }

    StackResult read(Map<String, String> vars) {
        return new StackReader(LoadOptions.defaults().withVars(vars)).read(dir);
    }

    /** {@code field: message} of every error, in report order. */
    List<String> errors() {
        return read().diagnostics().all().stream().filter(Diagnostic::isError)
                .map(d -> d.field() + ": " + d.message()).toList();
    }

    List<String> warnings() {
        return read().diagnostics().all().stream().filter(d -> !d.isError())
                .map(d -> d.field() + ": " + d.message()).toList();
    }

    Path dir() {
        return dir;
    }
}
