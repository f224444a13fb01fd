package dev.teleform.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * and puts {@code teleform} and a stub {@code gh} on PATH), the artifact actions copy files
 * through {@link Runner#artifacts}, {@code teleport-actions/setup} puts {@link Runner#teleportTools} (the
 * {@code tctl} and {@code tbot} the test provides) on PATH, and {@code aws-actions/configure-aws-credentials}
 * sets an AWS session and region for the role it is given. A job whose {@code permissions} grant
 * {@code id-token: write} gets {@code ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}, as
 * on GitHub, and no other job does. A step whose {@code if:} is {@code !cancelled()} or {@code always()} runs after
 * a failed one (no run is cancelled here); the others are skipped then. Any other action, step condition or
 * {@code ${{ }}} expression fails the test: an example may not grow a step this runner would silently skip.
 */
final class GithubWorkflow {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}");
    private static final Pattern STEP_OUTPUT = Pattern.compile("steps\\.([\\w-]+)\\.outputs\\.([\\w-]+)");

    private final Path file;
    private final JsonNode root;

    private GithubWorkflow(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static GithubWorkflow read(Path file) throws IOException {
        return new GithubWorkflow(file, new YAMLMapper().readTree(file.toFile()));
    }

    /** What GitHub would pass in: the event, secrets and the repository's variables ({@code vars.NAME}). */
    record Trigger(String eventName, String sha, Map<String, String> event, Map<String, String> secrets,
            Map<String, String> variables) {}

    /** What a run left: the exit status of the step that failed (0 if none), the log, outputs and summary. */
    record Result(long runId, int exit, String failedStep, String log, String summary,
            Map<String, Map<String, String>> outputs) {}

    /**
     * The machine the jobs run on: where runs keep artifacts, the PATH with teleform and gh first, and the
     * directory with the {@code tctl} and {@code tbot} that {@code teleport-actions/setup} installs.
     */
    record Runner(Path artifacts, Path bin, Path scratch, Path teleportTools) {}

    private static final AtomicLong RUN_IDS = new AtomicLong(1000);

    Result run(Runner runner, Path workspace, Trigger trigger) throws IOException, InterruptedException {
        JsonNode jobs = root.path("jobs");
        if (jobs.size() != 1) {
            throw new AssertionError(file + ": expected one job, found " + jobs.size());
        }
        return new JobRun(runner, workspace, trigger, jobs.iterator().next()).run();
    }

    /** One run of the job: its runner files, the expression context, and the outputs of steps so far. */
    private final class JobRun {
        private final Runner runner;
        private final Path workspace;
        private final Trigger trigger;
        private final JsonNode job;
        private final long runId;
        private final Path temp;
        private final Path summary;
        private final Path githubEnv;
        private final Path githubPath;
        private final Path runnerTemp;
        private final Map<String, String> context = new HashMap<>();
        private final Map<String, Map<String, String>> outputs = new HashMap<>();
        private final StringBuilder log = new StringBuilder();

        JobRun(Runner runner, Path workspace, Trigger trigger, JsonNode job) throws IOException {
            this.runner = runner;
            this.workspace = workspace;
            this.trigger = trigger;
            this.job = job;
            this.runId = RUN_IDS.getAndIncrement();
            this.temp = Files.createDirectories(runner.scratch().resolve("run-" + runId));
            this.summary = Files.createFile(temp.resolve("step-summary.md"));
            this.githubEnv = Files.createFile(temp.resolve("github-env"));
            this.githubPath = Files.createFile(temp.resolve("github-path"));
            this.runnerTemp = Files.createDirectories(temp.resolve("runner-temp"));
            context.put("github.token", "ghs_test_token");
            context.put("github.sha", trigger.sha());
            context.put("runner.temp", runnerTemp.toString());
            trigger.event().forEach((key, value) -> context.put("github.event." + key, value));
            trigger.secrets().forEach((key, value) -> context.put("secrets." + key, value));
            trigger.variables().forEach((key, value) -> context.put("vars." + key, value));
        }

        Result run() throws IOException, InterruptedException {
            int index = 0;
            int failedExit = 0;
            String failedStep = "";
            for (JsonNode step : job.path("steps")) {
                index++;
                String name = step.path("name")
                        .asString(step.path("uses").asString(step.path("id").asString("step " + index)));
                boolean evenAfterAFailure = false;
                if (step.has("if")) {
                    String condition = step.path("if").asString().replaceAll("^\\$\\{\\{\\s*|\\s*}}$", "");
                    if (!condition.equals("!cancelled()") && !condition.equals("always()")) {
                        throw new AssertionError(file + ": step \"" + name + "\" has a condition this runner lacks: "
                                + condition);
                    }
                    evenAfterAFailure = true; // a run is never cancelled here
                }
                if (step.has("continue-on-error")) {
                    throw new AssertionError(file + ": step \"" + name + "\" has a condition this runner lacks");
                }
                if (failedExit != 0 && !evenAfterAFailure) {
                    continue; // skipped, as GitHub's default success() condition does after a failure
                }
                int exit = step.has("uses") ? uses(step) : shell(step, name, index);
                if (exit != 0 && failedExit == 0) {
                    failedExit = exit;
                    failedStep = name;
                }
            }
            return new Result(runId, failedExit, failedStep, log.toString(), Files.readString(summary), outputs);
        }

        private int shell(JsonNode step, String name, int index) throws IOException, InterruptedException {
            Path output = Files.createFile(temp.resolve("output-" + index));
            Path script = temp.resolve("step-" + index + ".sh");
            Files.writeString(script, evaluate(step.path("run").asString()));
            ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail",
                    script.toString()).directory(workspace.toFile()).redirectErrorStream(true);
            builder.environment().keySet().retainAll(List.of("HOME", "LANG", "JAVA_HOME", "TMPDIR", "USER",
                    "TELEFORM_CACHE_DIR"));
            builder.environment().putAll(environment(step, output));
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
            return process.exitValue();
        }

        /** The runner's variables, then the workflow's, job's and step's env, then what steps put in GITHUB_ENV. */
        private Map<String, String> environment(JsonNode step, Path output) throws IOException {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("GITHUB_WORKSPACE", workspace.toString());
            env.put("GITHUB_SHA", trigger.sha());
            env.put("GITHUB_EVENT_NAME", trigger.eventName());
            env.put("GITHUB_REPOSITORY", "acme/access");
            env.put("GITHUB_RUN_ID", Long.toString(runId));
            env.put("GITHUB_STEP_SUMMARY", summary.toString());
            env.put("GITHUB_ENV", githubEnv.toString());
            env.put("GITHUB_PATH", githubPath.toString());
            env.put("GITHUB_OUTPUT", output.toString());
            env.put("RUNNER_TEMP", runnerTemp.toString());
            env.put("CI", "true");
            env.put("GITHUB_ACTIONS", "true");
            env.put("PATH", path(runner, githubPath));
            if (mayRequestIdToken()) {
                env.put("ACTIONS_ID_TOKEN_REQUEST_URL", "https://pipelines.actions.githubusercontent.com/" + runId
                        + "/idtoken?api-version=2.0");
                env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "id-token-request-" + runId);
            }
            for (JsonNode scope : List.of(root.path("env"), job.path("env"), step.path("env"))) {
                scope.properties().forEach(e -> env.put(e.getKey(), evaluate(e.getValue().asString())));
            }
            env.putAll(readPairs(githubEnv));
            return env;
        }

        /** Whether the workflow's or the job's {@code permissions} grant {@code id-token: write}. */
        private boolean mayRequestIdToken() {
            JsonNode permissions = job.has("permissions") ? job.path("permissions") : root.path("permissions");
            return "write".equals(permissions.path("id-token").asString("")) || "write-all".equals(permissions.asString(""));
        }

        private int uses(JsonNode step) throws IOException {
            String action = step.path("uses").asString();
            JsonNode with = step.path("with");
            String name = evaluate(with.path("name").asString(""));
            switch (action.substring(0, action.indexOf('@'))) {
                case "actions/checkout", "actions/setup-java" -> {
                    // the test prepared the workspace, a JDK runs the tests, and teleform is on PATH
                }
                case "actions/upload-artifact" -> {
                    Path source = Path.of(evaluate(with.path("path").asString()));
                    List<Path> files = uploaded(source);
                    if (files.isEmpty()) {
                        if (with.path("if-no-files-found").asString("warn").equals("error")) {
                            log.append("## upload-artifact: no file ").append(source).append('\n');
                            return 1;
                        }
                        return 0; // GitHub warns (the default) or says nothing, and the job goes on
                    }
                    Path target = Files.createDirectories(runner.artifacts().resolve(runId + "/" + name));
                    for (Path file : files) {
                        // a directory's files keep their paths below it; a file is uploaded by its name
                        Path to = target.resolve((Files.isDirectory(source) ? source.relativize(file)
                                : file.getFileName()).toString());
                        Files.createDirectories(to.getParent());
                        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                case "teleport-actions/setup" -> {
                    if (evaluate(with.path("version").asString("")).isEmpty()) {
                        log.append("## teleport-actions/setup: no version\n");
                        return 1;
                    }
                    Files.writeString(githubPath, runner.teleportTools() + "\n", StandardOpenOption.APPEND);
                }
                case "aws-actions/configure-aws-credentials" -> {
                    // the action assumes the role with the job's ID token: without the permission it fails
                    if (!mayRequestIdToken() || evaluate(with.path("role-to-assume").asString("")).isEmpty()) {
                        log.append("## configure-aws-credentials: no role, or no id-token: write\n");
                        return 1;
                    }
                    Files.writeString(githubEnv, "AWS_REGION=" + evaluate(with.path("aws-region").asString()) + "\n"
                            + "AWS_ACCESS_KEY_ID=ASIAEXAMPLESESSION01\nAWS_SECRET_ACCESS_KEY=session-secret-" + runId
                            + "\nAWS_SESSION_TOKEN=session-token-" + runId + "\n", StandardOpenOption.APPEND);
                }
                case "actions/download-artifact" -> {
                    String from = evaluate(with.path("run-id").asString(Long.toString(runId)));
                    Path source = runner.artifacts().resolve(from + "/" + name);
                    if (!Files.isDirectory(source)) {
                        log.append("## download-artifact: run ").append(from).append(" has no artifact ").append(name)
                                .append('\n');
                        return 1;
                    }
                    Path target = Files.createDirectories(Path.of(evaluate(with.path("path").asString())));
                    try (var files = Files.list(source)) {
                        for (Path artifact : files.toList()) {
                            Files.copy(artifact, target.resolve(artifact.getFileName()),
                                    StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                default -> throw new AssertionError(file + ": action " + action + " is not modelled by this runner");
            }
            return 0;
        }

        /** The files an upload of {@code source} takes: the file itself, or every file below the directory. */
        private static List<Path> uploaded(Path source) throws IOException {
            if (Files.isRegularFile(source)) {
                return List.of(source);
            }
            if (!Files.isDirectory(source)) {
                return List.of();
            }
            try (var walk = Files.walk(source)) {
                return walk.filter(Files::isRegularFile).sorted().toList();
            }
        }

        private String evaluate(String text) {
            Matcher m = EXPRESSION.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String expression = m.group(1);
                Matcher stepOutput = STEP_OUTPUT.matcher(expression);
                String value;
                if (stepOutput.matches()) {
                    value = outputs.getOrDefault(stepOutput.group(1), Map.of()).getOrDefault(stepOutput.group(2), "");
                } else if (expression.startsWith("secrets.") || expression.startsWith("vars.")) {
                    value = context.getOrDefault(expression, ""); // an unset secret or variable is empty on GitHub too
                } else if (context.containsKey(expression)) {
                    value = context.get(expression);
                } else {
                    throw new AssertionError(file + ": ${{ " + expression + " }} is not modelled by this runner");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }
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
