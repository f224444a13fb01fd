package dev.teleform.provider.teleport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A script standing in for tctl or tbot in unit tests: it records each run's arguments, environment and
 * stdin, and answers with the stdout, stderr and exit status the test set.
 */
final class FakeTool {

    private final Path dir;
    final Path binary;

    private FakeTool(Path dir, Path binary) {
        this.dir = dir;
        this.binary = binary;
    }

    static FakeTool create(Path parent, String name) throws IOException {
        return create(parent, name, "");
    }

    /**
     * A fake that also runs {@code onRun}, shell that sees the arguments, {@code $d/runs/$n} (this run's record, for
     * files of its own: {@link #recorded}) and the tool's environment, before it answers.
     */
    static FakeTool create(Path parent, String name, String onRun) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name + "-fake"));
        Path binary = dir.resolve(name);
        Files.writeString(binary, """
                #!/bin/sh
                d='%s'
                n=$(ls "$d"/runs 2>/dev/null | wc -l)
                mkdir -p "$d/runs/$n"
                for a in "$@"; do printf '%%s\\n' "$a"; done > "$d/runs/$n/argv"
                /usr/bin/env > "$d/runs/$n/env"
                cat > "$d/runs/$n/stdin"
                %s
                r="$d"
                if [ -d "$d/run/$n" ]; then r="$d/run/$n"; fi
                cat "$r/stdout" 2>/dev/null
                cat "$r/stderr" >&2 2>/dev/null
                exit $(cat "$r/status" 2>/dev/null || echo 0)
                """.formatted(dir, onRun));
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        return new FakeTool(dir, binary);
    }

    /** The next runs print these and exit with {@code status}. */
    FakeTool answers(String stdout, String stderr, int status) throws IOException {
        Files.writeString(dir.resolve("stdout"), stdout);
        Files.writeString(dir.resolve("stderr"), stderr);
        Files.writeString(dir.resolve("status"), String.valueOf(status));
        return this;
    }

    /** Run {@code run} (from 0) prints these and exits with {@code status}; the others answer as {@link #answers} says. */
    FakeTool answersRun(int run, String stdout, String stderr, int status) throws IOException {
        Path answer = Files.createDirectories(dir.resolve("run/" + run));
        Files.writeString(answer.resolve("stdout"), stdout);
        Files.writeString(answer.resolve("stderr"), stderr);
        Files.writeString(answer.resolve("status"), String.valueOf(status));
        return this;
    }

    /** The arguments of each run so far, in order, the binary left out. */
    List<List<String>> runs() throws IOException {
        List<List<String>> runs = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve("runs/" + i)); i++) {
            runs.add(Files.readAllLines(dir.resolve("runs/" + i + "/argv")));
        }
        return runs;
    }

    String stdin(int run) throws IOException {
        return Files.readString(dir.resolve("runs/" + run + "/stdin"), StandardCharsets.UTF_8);
    }

    /** A file {@code onRun} wrote into the record of {@code run}. */
    String recorded(int run, String name) throws IOException {
        return Files.readString(dir.resolve("runs/" + run + "/" + name), StandardCharsets.UTF_8);
    }

    List<String> environment(int run) throws IOException {
        return Files.readAllLines(dir.resolve("runs/" + run + "/env"));
    }
}
