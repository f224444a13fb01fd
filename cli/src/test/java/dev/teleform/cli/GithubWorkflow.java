package dev.teleform.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs the one job of a GitHub Actions workflow file on this machine, the way a hosted runner would
 * as far as the job's shell steps are concerned: each {@code run:} script under {@code bash -eo
 * pipefail} in the workspace, with the workflow's, job's and step's {@code env:}, and the runner files
 * ({@code GITHUB_OUTPUT}, {@code GITHUB_ENV}, {@code GITHUB_PATH}, {@code GITHUB_STEP_SUMMARY}) honoured.
 *
 * <p>Of the {@code uses:} steps, checkout and setup-java are no-ops (the caller prepares the workspace
 * and puts {@code teleform} and a stub {@code gh} on PATH), and the artifact actions copy files
 * through {@link Runner#artifacts}. Any other action, step condition or {@code ${{ }}} expression
 * fails the test: an example may not grow a step this runner would silently skip.
 */
final class GithubWorkflow {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}");

    private final Path file;
    private final JsonNode root;

    private GithubWorkflow(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static GithubWorkflow read(Path file) throws IOException {
        return new GithubWorkflow(file, new YAMLMapper().readTree(file.toFile()));
    }

    /** What GitHub would pass in: the event and secrets. */
    record Trigger(String eventName, String sha, Map<String, String> event, Map<String, String> secrets) {}

    /** What a run left: the exit status of the step that failed (0 if none), the log, outputs and summary. */
    record Result(long runId, int exit, String failedStep, String log, String summary,
            Map<String, Map<String, String>> outputs) {}

    /** The machine the jobs run on: where runs keep artifacts, and the PATH with teleform and gh first. */
    record Runner(Path artifacts, Path bin, Path scratch) {
        private static long nextRunId = 1000;

        synchronized long newRunId() {
            return nextRunId++;
        }
    }

    Result run(Runner runner, Path workspace, Trigger trigger) throws IOException, InterruptedException {
        JsonNode jobs = root.path("jobs");
        if (jobs.size() != 1) {
            throw new AssertionError(file + ": expected one job, found " + jobs.size());
        }
        JsonNode job = jobs.iterator().next();
        long runId = runner.newRunId();
        Path temp = Files.createDirectories(runner.scratch().resolve("run-" + runId));
        Path summary = Files.createFile(temp.resolve("step-summary.md"));
        Path githubEnv = Files.createFile(temp.resolve("github-env"));
        Path githubPath = Files.createFile(temp.resolve("github-path"));
        Path runnerTemp = Files.createDirectories(temp.resolve("runner-temp"));

        Map<String, Map<String, String>> outputs = new HashMap<>();
        Map<String, String> context = new HashMap<>();
        context.put("github.token", "ghs_test_token");
        context.put("github.sha", trigger.sha());
        context.put("runner.temp", runnerTemp.toString());
        trigger.event().forEach((key, value) -> context.put("github.event." + key, value));
        trigger.secrets().forEach((key, value) -> context.put("secrets." + key, value));

        StringBuilder log = new StringBuilder();
        int index = 0;
        for (JsonNode step : job.path("steps")) {
            String name = step.path("name").asString(step.path("uses").asString(step.path("id").asString("step " + index)));
            index++;
            if (step.has("if") || step.has("continue-on-error")) {
                throw new AssertionError(file + ": step \"" + name + "\" uses a condition this runner does not model");
            }
            if (step.has("uses")) {
                uses(step, runner, runId, context, outputs);
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("GITHUB_WORKSPACE", workspace.toString());
            env.put("GITHUB_SHA", trigger.sha());
            env.put("GITHUB_EVENT_NAME", trigger.eventName());
            env.put("GITHUB_REPOSITORY", "acme/access");
            env.put("GITHUB_RUN_ID", Long.toString(runId));
            env.put("GITHUB_STEP_SUMMARY", summary.toString());
            env.put("GITHUB_ENV", githubEnv.toString());
            env.put("GITHUB_PATH", githubPath.toString());
            env.put("RUNNER_TEMP", runnerTemp.toString());
            env.put("CI", "true");
            env.put("GITHUB_ACTIONS", "true");
            env.put("PATH", path(runner, githubPath));
            for (JsonNode scope : List.of(root.path("env"), job.path("env"), step.path("env"))) {
                scope.properties().forEach(e -> env.put(e.getKey(), evaluate(e.getValue().asString(), context, outputs)));
            }
            readPairs(githubEnv).forEach(env::put);
            Path output = temp.resolve("output-" + index);
            Files.deleteIfExists(output);
            Files.createFile(output);
            env.put("GITHUB_OUTPUT", output.toString());

            Path script = temp.resolve("step-" + index + ".sh");
            Files.writeString(script, evaluate(step.path("run").asString(), context, outputs));
            ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail",
                    script.toString()).directory(workspace.toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(System.getenv().entrySet().stream()
                    .filter(e -> List.of("HOME", "LANG", "JAVA_HOME", "TMPDIR", "USER").contains(e.getKey()))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(file + ": step \"" + name + "\" did not finish in 300 s");
            }
            log.append("## ").append(name).append('\n').append(printed);
            if (step.has("id")) {
                outputs.put(step.path("id").asString(), readPairs(output));
            }
            if (process.exitValue() != 0) {
                return new Result(runId, process.exitValue(), name, log.toString(), Files.readString(summary), outputs);
            }
        }
        return new Result(runId, 0, "", log.toString(), Files.readString(summary), outputs);
    }

    private void uses(JsonNode step, Runner runner, long runId, Map<String, String> context,
            Map<String, Map<String, String>> outputs) throws IOException {
        String action = step.path("uses").asString();
        JsonNode with = step.path("with");
        String name = evaluate(with.path("name").asString(""), context, outputs);
        String action0 = action.substring(0, action.indexOf('@'));
        switch (action0) {
            case "actions/checkout", "actions/setup-java" -> {
                // the test prepared the workspace, a JDK runs the tests, and teleform is on PATH
            }
            case "actions/upload-artifact" -> {
                Path source = Path.of(evaluate(with.path("path").asString(), context, outputs));
                if (!Files.isRegularFile(source)) {
                    if (with.path("if-no-files-found").asString("warn").equals("error")) {
                        throw new AssertionError(file + ": upload-artifact: no file " + source);
                    }
                    return; // GitHub warns (the default) or says nothing, and the job goes on
                }
                Path target = Files.createDirectories(runner.artifacts().resolve(runId + "/" + name));
                Files.copy(source, target.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            case "actions/download-artifact" -> {
                String from = evaluate(with.path("run-id").asString(Long.toString(runId)), context, outputs);
                Path source = runner.artifacts().resolve(from + "/" + name);
                if (!Files.isDirectory(source)) {
                    throw new AssertionError(file + ": download-artifact: run " + from + " has no artifact " + name);
                }
                Path target = Files.createDirectories(Path.of(evaluate(with.path("path").asString(), context, outputs)));
                try (var files = Files.list(source)) {
                    for (Path artifact : files.toList()) {
                        Files.copy(artifact, target.resolve(artifact.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            default -> throw new AssertionError(file + ": action " + action + " is not modelled by this runner");
        }
    }

    private String evaluate(String text, Map<String, String> context, Map<String, Map<String, String>> outputs) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1);
            String value;
            Matcher stepOutput = Pattern.compile("steps\\.([\\w-]+)\\.outputs\\.([\\w-]+)").matcher(expression);
            if (stepOutput.matches()) {
                value = outputs.getOrDefault(stepOutput.group(1), Map.of()).getOrDefault(stepOutput.group(2), "");
            } else if (expression.startsWith("secrets.")) {
                value = context.getOrDefault(expression, ""); // an unset secret is empty on GitHub too
            } else if (context.containsKey(expression)) {
                value = context.get(expression);
            } else {
                throw new AssertionError(file + ": expression ${{ " + expression + " }} is not modelled by this runner");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String path(Runner runner, Path githubPath) throws IOException {
        List<String> entries = new ArrayList<>(Files.readAllLines(githubPath).reversed());
        entries.add(runner.bin().toString());
        entries.add(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return String.join(":", entries);
    }

    /** {@code name=value} lines, as GitHub reads GITHUB_OUTPUT and GITHUB_ENV (no heredoc form here). */
    private static Map<String, String> readPairs(Path file) throws IOException {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                pairs.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return pairs;
    }
}
