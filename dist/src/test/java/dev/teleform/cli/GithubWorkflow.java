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
 * <p>Of the {@code uses:} steps, checkout is a no-op (the caller prepares the workspace and puts a stub
 * {@code gh} on PATH), a composite action the runner has the directory of ({@link Runner#actions}, e.g. Teleform's
 * own {@code action.yml}) runs its {@code shell: bash} steps with its {@code inputs}, the artifact actions copy files
 * through {@link Runner#artifacts}, {@code teleport-actions/setup} puts {@link Runner#teleportTools} (the
 * {@code tctl} and {@code tbot} the test provides) on PATH, and {@code aws-actions/configure-aws-credentials}
 * sets an AWS session and region for the role it is given. A job whose {@code permissions} grant
 * {@code id-token: write} gets {@code ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}, as
 * on GitHub, and no other job does; {@code github.token} names the job's other permissions, for the gh stub to
 * refuse what the token may not do. A job that names an {@code environment:} gets its secrets, and is refused
 * outright on a ref the environment's deployment branches do not allow. A step runs on {@code success()} (the
 * default), {@code failure()}, {@code always()} or {@code !cancelled()} (no run is cancelled here). Any other
 * action, step condition or {@code ${{ }}} expression fails the test: an example may not grow a step this runner
 * would silently skip.
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

    /**
     * What GitHub would pass in: the event (its fields as {@code github.event.PATH}, a dispatch's inputs as
     * {@code inputs.NAME}), the ref the run is on ({@code github.ref}), the repository's secrets and variables
     * ({@code vars.NAME}), and its deployment environments.
     */
    record Trigger(String eventName, String sha, String ref, Map<String, String> event, Map<String, String> secrets,
            Map<String, String> variables, Map<String, Environment> environments) {}

    /**
     * A deployment environment: the refs its protection rules let deploy (its deployment branches), and its
     * secrets, which only a job that names the environment gets, and only on one of those refs.
     */
    record Environment(java.util.Set<String> refs, Map<String, String> secrets) {}

    /** A workflow's {@code concurrency:}, its group evaluated for a trigger. */
    record Concurrency(String group, boolean cancelInProgress) {}

    /** The workflow's concurrency group and setting for {@code trigger}; none is an error. */
    Concurrency concurrency(Trigger trigger) {
        JsonNode concurrency = root.path("concurrency");
        if (!concurrency.has("group")) {
            throw new AssertionError(file + ": no concurrency group");
        }
        Map<String, String> context = new HashMap<>();
        context.put("github.ref", trigger.ref());
        context.put("github.event_name", trigger.eventName());
        trigger.event().forEach((key, value) -> context.put(eventKey(key), value));
        return new Concurrency(evaluate(file, concurrency.path("group").asString(), context, Map.of(), Map.of()),
                concurrency.path("cancel-in-progress").asBoolean(false));
    }

    /** The workflow's {@code on:} as GitHub reads it: the events and each one's filters. */
    JsonNode triggers() {
        return root.path("on");
    }

    /** The job's steps that use {@code action} ({@code owner/name}, any version). */
    List<JsonNode> uses(String action) {
        List<JsonNode> found = new ArrayList<>();
        root.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.path("uses").asString("").startsWith(action + "@")) {
                found.add(step);
            }
        }));
        return found;
    }

    private static String eventKey(String key) {
        return key.startsWith("inputs.") ? key : "github.event." + key;
    }

    /**
     * What a run left: its id and commit, the exit status of the step that failed (0 if none), the log, outputs and
     * summary.
     */
    record Result(long runId, String sha, int exit, String failedStep, String log, String summary,
            Map<String, Map<String, String>> outputs, String actor) {}

    /**
     * The machine the jobs run on: where runs keep artifacts, the PATH with gh first, the directory with the
     * {@code tctl} and {@code tbot} that {@code teleport-actions/setup} installs, the tool cache
     * ({@code RUNNER_TOOL_CACHE}), the composite actions it runs: the directory of each one's
     * {@code action.yml}, by the name a workflow uses it by ({@code owner/name}), and AWS: each IAM role's ARN with
     * the GitHub ID token subject its trust policy allows ({@code repo:OWNER/REPO:environment:NAME}, ...).
     */
    record Runner(Path artifacts, Path bin, Path scratch, Path teleportTools, Path toolCache,
            Map<String, Path> actions, Map<String, String> awsTrust) {}

    /** The repository every run is of ({@code GITHUB_REPOSITORY}). */
    static final String REPOSITORY = "acme/access";

    private static final AtomicLong RUN_IDS = new AtomicLong(1000);

    Result run(Runner runner, Path workspace, Trigger trigger) throws IOException, InterruptedException {
        JsonNode jobs = root.path("jobs");
        if (jobs.size() != 1) {
            throw new AssertionError(file + ": expected one job, found " + jobs.size());
        }
        long start = System.nanoTime();
        Result result = new JobRun(runner, workspace, trigger, jobs.iterator().next()).run();
        // what each run costs, for whoever keeps the dist ITs' time down
        System.err.printf("%s on %s %s: exit %d in %d ms%n", file.getFileName(), trigger.eventName(), trigger.sha(),
                result.exit(), (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    /** One run of the job: its runner files, the expression context, and the outputs of steps so far. */
    private final class JobRun {
        private final Runner runner;
        private final Path workspace;
        private final Trigger trigger;
        private final JsonNode job;
        private final long runId;
        private final Path temp;
        /** Each step's own GITHUB_STEP_SUMMARY, as on GitHub, joined in step order for the run's summary. */
        private final StringBuilder summary = new StringBuilder();
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
            this.githubEnv = Files.createFile(temp.resolve("github-env"));
            this.githubPath = Files.createFile(temp.resolve("github-path"));
            this.runnerTemp = Files.createDirectories(temp.resolve("runner-temp"));
            context.put("github.token", token());
            context.put("github.sha", trigger.sha());
            context.put("github.ref", trigger.ref());
            context.put("github.event_name", trigger.eventName());
            context.put("runner.temp", runnerTemp.toString());
            trigger.event().forEach((key, value) -> context.put(eventKey(key), value));
            trigger.secrets().forEach((key, value) -> context.put("secrets." + key, value));
            environment().ifPresent(environment -> environment.secrets()
                    .forEach((key, value) -> context.put("secrets." + key, value)));
            trigger.variables().forEach((key, value) -> context.put("vars." + key, value));
            // the workflow's env, as ${{ env.NAME }} reads it where a step's with: is evaluated
            root.path("env").properties().forEach(e -> context.put("env." + e.getKey(), evaluate(e.getValue().asString())));
        }

        Result run() throws IOException, InterruptedException {
            if (job.has("environment")) {
                String name = environmentName();
                Environment environment = trigger.environments().get(name);
                if (environment != null && !environment.refs().contains(trigger.ref())) {
                    log.append("## ").append(name).append(": Branch \"").append(trigger.ref())
                            .append("\" is not allowed to deploy to ").append(name)
                            .append(" due to environment protection rules.\n");
                    return new Result(runId, trigger.sha(), 1, "environment " + name, log.toString(), "", outputs,
                            actor());
                }
            }
            int index = 0;
            int failedExit = 0;
            String failedStep = "";
            for (JsonNode step : job.path("steps")) {
                index++;
                String name = step.path("name")
                        .asString(step.path("uses").asString(step.path("id").asString("step " + index)));
                String condition = step.has("if")
                        ? step.path("if").asString().replaceAll("^\\$\\{\\{\\s*|\\s*}}$", "") : "success()";
                boolean runs = switch (condition) {
                    case "success()" -> failedExit == 0;
                    case "failure()", "failure() || cancelled()" -> failedExit != 0;
                    case "!cancelled()", "always()" -> true; // a run is never cancelled here
                    default -> throw new AssertionError(file + ": step \"" + name
                            + "\" has a condition this runner lacks: " + condition);
                };
                if (step.has("continue-on-error")) {
                    throw new AssertionError(file + ": step \"" + name + "\" has a condition this runner lacks");
                }
                if (!runs) {
                    continue; // skipped, as GitHub skips a step whose condition is false
                }
                int exit = step.has("uses") ? uses(step, Integer.toString(index))
                        : shell(step, name, Integer.toString(index), List.of(step.path("env")), Map.of());
                if (exit != 0 && failedExit == 0) {
                    failedExit = exit;
                    failedStep = name;
                }
            }
            return new Result(runId, trigger.sha(), failedExit, failedStep, log.toString(), summary.toString(), outputs,
                    actor());
        }

        /**
         * Runs a {@code run:} step; {@code envs} are its env and, in a composite action, that of the step that used
         * the action before it, and {@code inputs} the action's inputs ({@code inputs.NAME}).
         */
        private int shell(JsonNode step, String name, String index, List<JsonNode> envs, Map<String, String> inputs)
                throws IOException, InterruptedException {
            Path output = Files.createFile(temp.resolve("output-" + index));
            Path stepSummary = Files.createFile(temp.resolve("step-summary-" + index + ".md"));
            Path script = temp.resolve("step-" + index + ".sh");
            Files.writeString(script, evaluate(step.path("run").asString(), inputs));
            ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail",
                    script.toString()).directory(workspace.toFile()).redirectErrorStream(true);
            builder.environment().keySet().retainAll(List.of("HOME", "LANG", "JAVA_HOME", "TMPDIR", "USER",
                    "TELEFORM_CACHE_DIR"));
            builder.environment().putAll(environment(envs, inputs, output, stepSummary));
            Process process = builder.start();
            process.getOutputStream().close();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(file + ": step \"" + name + "\" did not finish in 300 s");
            }
            log.append("## ").append(name).append('\n').append(printed);
            summary.append(Files.readString(stepSummary));
            if (step.has("id")) {
                outputs.put(step.path("id").asString(), readPairs(output));
            }
            return process.exitValue();
        }

        /** The runner's variables, then the workflow's, job's and step's env, then what steps put in GITHUB_ENV. */
        private Map<String, String> environment(List<JsonNode> envs, Map<String, String> inputs, Path output,
                Path stepSummary) throws IOException {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("GITHUB_WORKSPACE", workspace.toString());
            env.put("GITHUB_SHA", trigger.sha());
            env.put("GITHUB_REF", trigger.ref());
            env.put("GITHUB_SERVER_URL", "https://github.com");
            env.put("GITHUB_EVENT_NAME", trigger.eventName());
            env.put("GITHUB_ACTOR", actor());
            env.put("GITHUB_TRIGGERING_ACTOR", actor());
            env.put("GITHUB_REPOSITORY", REPOSITORY);
            env.put("GITHUB_RUN_ID", Long.toString(runId));
            env.put("GITHUB_STEP_SUMMARY", stepSummary.toString());
            env.put("GITHUB_ENV", githubEnv.toString());
            env.put("GITHUB_PATH", githubPath.toString());
            env.put("GITHUB_OUTPUT", output.toString());
            env.put("RUNNER_TEMP", runnerTemp.toString());
            env.putAll(Map.of("RUNNER_TOOL_CACHE", runner.toolCache().toString(), "RUNNER_OS", "Linux",
                    "RUNNER_ARCH", "X64"));
            env.put("CI", "true");
            env.put("GITHUB_ACTIONS", "true");
            env.put("PATH", path(runner, githubPath));
            if (mayRequestIdToken()) {
                env.put("ACTIONS_ID_TOKEN_REQUEST_URL", "https://pipelines.actions.githubusercontent.com/" + runId
                        + "/idtoken?api-version=2.0");
                env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "id-token-request-" + runId);
            }
            List<JsonNode> scopes = new ArrayList<>(List.of(root.path("env"), job.path("env")));
            scopes.addAll(envs);
            for (JsonNode scope : scopes) {
                scope.properties().forEach(e -> env.put(e.getKey(), evaluate(e.getValue().asString(), inputs)));
            }
            env.putAll(readPairs(githubEnv));
            return env;
        }

        /** The environment the job names, if the repository has it (GitHub makes an unknown one, bare). */
        private java.util.Optional<Environment> environment() {
            return job.has("environment") ? java.util.Optional.ofNullable(trigger.environments().get(environmentName()))
                    : java.util.Optional.empty();
        }

        private String environmentName() {
            JsonNode environment = job.path("environment");
            return environment.isObject() ? environment.path("name").asString() : environment.asString();
        }

        /**
         * The job's GITHUB_TOKEN, which the gh stub reads its permissions from ({@code ghs_test_token;scope=level;...}):
         * the job's or else the workflow's {@code permissions}, none but those named when there is such a block.
         */
        private String token() {
            JsonNode permissions = job.has("permissions") ? job.path("permissions") : root.path("permissions");
            StringBuilder token = new StringBuilder("ghs_test_token");
            if (permissions.isMissingNode() || "write-all".equals(permissions.asString(""))) {
                for (String scope : List.of("actions", "contents", "issues", "pull-requests")) {
                    token.append(';').append(scope).append("=write");
                }
            } else {
                permissions.properties().forEach(e -> token.append(';').append(e.getKey()).append('=')
                        .append(e.getValue().asString()));
            }
            return token.toString();
        }

        /** The {@code sub} of the job's ID token, as GitHub makes it: by environment, else by event or ref. */
        private String oidcSubject() {
            String repository = "repo:" + REPOSITORY + ":";
            if (job.has("environment")) {
                return repository + "environment:" + environmentName();
            }
            return repository + (trigger.eventName().equals("pull_request") ? "pull_request" : "ref:" + trigger.ref());
        }

        /** Who pushed, merged or dispatched: the event's "actor", else a maintainer. */
        private String actor() {
            return trigger.event().getOrDefault("actor", "mona");
        }

        /** Whether the workflow's or the job's {@code permissions} grant {@code id-token: write}. */
        private boolean mayRequestIdToken() {
            JsonNode permissions = job.has("permissions") ? job.path("permissions") : root.path("permissions");
            return "write".equals(permissions.path("id-token").asString("")) || "write-all".equals(permissions.asString(""));
        }

        private int uses(JsonNode step, String index) throws IOException, InterruptedException {
            String action = step.path("uses").asString();
            JsonNode with = step.path("with");
            String name = evaluate(with.path("name").asString(""));
            String repository = action.substring(0, action.indexOf('@'));
            if (runner.actions().containsKey(repository)) {
                return composite(step, runner.actions().get(repository), index);
            }
            switch (repository) {
                case "actions/checkout" -> {
                    // the test prepared the workspace
                }
                case "actions/upload-artifact" -> {
                    Path source = Path.of(evaluate(with.path("path").asString()));
                    // since v4.4, files and directories whose names start with a dot are left out unless asked for
                    boolean hidden = with.path("include-hidden-files").asBoolean(false);
                    List<Path> files = uploaded(source).stream().filter(file -> hidden
                            || !source.relativize(file).toString().matches("(^|.*/)\\..*")).toList();
                    if (files.isEmpty()) {
                        if (with.path("if-no-files-found").asString("warn").equals("error")) {
                            log.append("## upload-artifact: no file ").append(source).append('\n');
                            return 1;
                        }
                        return 0; // GitHub warns (the default) or says nothing, and the job goes on
                    }
                    Path target = runner.artifacts().resolve(runId + "/" + name);
                    if (with.path("overwrite").asBoolean(false) && Files.exists(target)) {
                        // GitHub deletes the artifact of that name (a re-run's first attempt's) before uploading
                        TestFiles.deleteTree(target);
                    }
                    Files.createDirectories(target);
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
                    String role = evaluate(with.path("role-to-assume").asString(""));
                    if (!mayRequestIdToken() || role.isEmpty()) {
                        log.append("## configure-aws-credentials: no role, or no id-token: write\n");
                        return 1;
                    }
                    // AWS takes the token only if the role's trust policy names the token's subject
                    if (!oidcSubject().equals(runner.awsTrust().get(role))) {
                        log.append("## configure-aws-credentials: Not authorized to perform sts:AssumeRoleWithWebIdentity"
                                + " (").append(role).append(" does not trust ").append(oidcSubject()).append(")\n");
                        return 1;
                    }
                    // AWS_ROLE_ARN stands for whose session the keys are: the tbot stand-in's IAM join reads it
                    // where real tbot would ask STS
                    Files.writeString(githubEnv, "AWS_REGION=" + evaluate(with.path("aws-region").asString()) + "\n"
                            + "AWS_ACCESS_KEY_ID=ASIAEXAMPLESESSION01\nAWS_SECRET_ACCESS_KEY=session-secret-" + runId
                            + "\nAWS_SESSION_TOKEN=session-token-" + runId + "\nAWS_ROLE_ARN=" + role + "\n",
                            StandardOpenOption.APPEND);
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
                    for (Path artifact : uploaded(source)) {
                        Path to = target.resolve(source.relativize(artifact).toString());
                        Files.createDirectories(to.getParent());
                        Files.copy(artifact, to, StandardCopyOption.REPLACE_EXISTING);
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

        /**
         * Runs the composite action in {@code dir} as GitHub does: its inputs are the step's {@code with:} or their
         * defaults, and its {@code run:} steps get the job's environment, the using step's env and their own.
         * Anything else an action may hold (other step kinds, conditions, outputs, an input it does not declare)
         * fails the test.
         */
        private int composite(JsonNode step, Path dir, String index) throws IOException, InterruptedException {
            String action = step.path("uses").asString();
            JsonNode definition = new YAMLMapper().readTree(dir.resolve("action.yml").toFile());
            JsonNode runs = definition.path("runs");
            if (!"composite".equals(runs.path("using").asString("")) || definition.has("outputs")) {
                throw new AssertionError(action + ": only a composite action without outputs is modelled");
            }
            JsonNode declared = definition.path("inputs");
            step.path("with").properties().forEach(e -> {
                if (!declared.has(e.getKey())) { // GitHub only warns; an example must not rely on that
                    throw new AssertionError(file + ": " + action + " has no input " + e.getKey());
                }
            });
            Map<String, String> inputs = new HashMap<>();
            declared.properties().forEach(e -> inputs.put("inputs." + e.getKey(), step.path("with").has(e.getKey())
                    ? evaluate(step.path("with").path(e.getKey()).asString())
                    : evaluate(e.getValue().path("default").asString(""))));
            int number = 0;
            for (JsonNode inner : runs.path("steps")) {
                number++;
                String name = action + " / " + inner.path("name").asString("step " + number);
                if (!inner.has("run") || !"bash".equals(inner.path("shell").asString(""))
                        || inner.has("if") || inner.has("continue-on-error") || inner.has("uses") || inner.has("id")) {
                    throw new AssertionError(action + ": step \"" + name
                            + "\" is not a shell: bash run step without a condition or an id");
                }
                int exit = shell(inner, name, index + "." + number, List.of(step.path("env"), inner.path("env")),
                        inputs);
                if (exit != 0) {
                    return exit;
                }
            }
            return 0;
        }

        private String evaluate(String text) {
            return evaluate(text, Map.of());
        }

        /** {@code text} with its expressions replaced; {@code inputs}: a composite action's ({@code inputs.NAME}). */
        private String evaluate(String text, Map<String, String> inputs) {
            return GithubWorkflow.evaluate(file, text, context, outputs, inputs);
        }
    }

    /**
     * {@code text} with its {@code ${{ }}} expressions replaced: a name from {@code context}, a step's output, a
     * composite action's input, or {@code a || b} of those (the first that is not empty).
     */
    private static String evaluate(Path file, String text, Map<String, String> context,
            Map<String, Map<String, String>> outputs, Map<String, String> inputs) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = "";
            for (String expression : m.group(1).split("\\s*\\|\\|\\s*")) {
                value = value(file, expression, context, outputs, inputs);
                if (!value.isEmpty()) {
                    break;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(Path file, String expression, Map<String, String> context,
            Map<String, Map<String, String>> outputs, Map<String, String> inputs) {
        Matcher stepOutput = STEP_OUTPUT.matcher(expression);
        if (stepOutput.matches()) {
            return outputs.getOrDefault(stepOutput.group(1), Map.of()).getOrDefault(stepOutput.group(2), "");
        }
        if (expression.startsWith("secrets.") || expression.startsWith("vars.")) {
            return context.getOrDefault(expression, ""); // an unset secret or variable is empty on GitHub too
        }
        if (context.containsKey(expression)) {
            return context.get(expression);
        }
        if (inputs.containsKey(expression)) {
            return inputs.get(expression);
        }
        if (inputs.isEmpty() && expression.startsWith("inputs.")) {
            return ""; // a workflow's input on an event that has none, e.g. a push to a dispatchable workflow
        }
        if (expression.startsWith("github.event.pull_request.")) {
            return ""; // an event without a pull request, e.g. merge_group
        }
        if (expression.startsWith("github.event.merge_group.")) {
            return ""; // an event outside the merge queue, e.g. pull_request
        }
        throw new AssertionError(file + ": ${{ " + expression + " }} is not modelled by this runner");
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
