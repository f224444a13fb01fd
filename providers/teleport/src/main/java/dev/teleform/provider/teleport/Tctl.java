package dev.teleform.provider.teleport;

import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The tctl subcommands the provider uses, each one process: {@code get REF --format json}, {@code get
 * A,B --format yaml}, {@code create [-f]} with the documents on stdin, {@code rm REF}, {@code users reset}.
 */
final class Tctl {

    static final String SETTING = "spec.bootstrap.tctl";

    private final String binary;
    private final Map<String, String> environment;
    private final Scrubber scrubber;
    private final Duration timeout;
    private final Map<String, Path> clusterIdentities;
    private final ClusterAlerts alerts = new ClusterAlerts();
    private final JsonMapper json = JsonMapper.builder().build();
    private final YAMLMapper yaml = YAMLMapper.builder().build();

    /**
     * @param clusterIdentities {@code spec.clusters.NAME.identity_file} by NAME, so that an error can tell a call to a
     *                          workload cluster as a person from one to the parent
     */
    Tctl(String binary, Map<String, String> environment, Scrubber scrubber, Duration timeout,
            Map<String, Path> clusterIdentities) {
        this.binary = binary;
        this.environment = Map.copyOf(environment);
        this.scrubber = scrubber;
        this.timeout = timeout;
        this.clusterIdentities = Map.copyOf(clusterIdentities);
    }

    /** {@code tctl get REF --format json}: always a JSON array, one element for {@code kind/name}. */
    Either<ProviderError, List<ObjectNode>> get(Endpoint endpoint, String ref) {
        return run(endpoint, List.of("get", ref, "--format", "json"), Optional.empty()).flatMap(stdout -> {
            try {
                JsonNode parsed = json.readTree(stdout);
                if (!parsed.isArray()) {
                    return Either.left(new ProviderError.BadParameter("tctl get " + ref + " printed " + parsed
                            .getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ", not a JSON array"));
                }
                List<ObjectNode> documents = new ArrayList<>();
                parsed.forEach(element -> documents.add((ObjectNode) element));
                return Either.right(documents);
            } catch (JacksonException | ClassCastException e) {
                return Either.left(new ProviderError.BadParameter("tctl get " + ref + " printed something that is not "
                        + "a JSON array of resources"));
            }
        });
    }

    /**
     * {@code tctl get A,B --format yaml}: several kinds in one process, which tctl allows only as YAML
     * (TELEPORT.md §3); the documents of all kinds, in tctl's order.
     */
    Either<ProviderError, List<ObjectNode>> getMany(Endpoint endpoint, List<String> refs) {
        String joined = String.join(",", refs);
        return run(endpoint, List.of("get", joined, "--format", "yaml"), Optional.empty()).flatMap(stdout -> {
            List<ObjectNode> documents = new ArrayList<>();
            try (MappingIterator<JsonNode> values = yaml.readerFor(JsonNode.class).readValues(stdout)) {
                while (values.hasNextValue()) {
                    JsonNode value = values.nextValue();
                    if (value instanceof ObjectNode document) {
                        documents.add(document);
                    }
                }
                return Either.right(documents);
            } catch (JacksonException e) {
                return Either.left(new ProviderError.BadParameter("tctl get " + joined + " printed something that is "
                        + "not YAML resources"));
            }
        });
    }

    /**
     * How a {@code tctl create} of several documents went: tctl writes them in order and stops at the
     * first error, printing {@code ... has been created} (or {@code updated}) for each one written.
     *
     * @param written how many documents, from the first, were written
     * @param error   why the next one was not, if tctl failed
     */
    record Created(int written, Optional<ProviderError> error) {}

    /**
     * The most documents one {@code tctl create} is given: a workload cluster's roles and users in one process in the
     * common case, yet few enough that one create of Cloud round trips stays well inside the tool's timeout (after
     * which what it wrote is not known, and the rest must be found written and adopted).
     */
    static final int MOST_PER_CREATE = 100;

    /** {@code tctl create [-f]} of several documents, telling how far it got. */
    Created createAll(Endpoint endpoint, List<ObjectNode> documents, boolean force) {
        StringBuilder stream = new StringBuilder();
        documents.forEach(document -> stream.append(json.writeValueAsString(document)).append('\n'));
        ToolCommand command = command(endpoint, force ? List.of("create", "-f") : List.of("create"),
                Optional.of(stream.toString().getBytes(StandardCharsets.UTF_8)));
        ToolRun run = runAndKeepAlerts(command);
        int written = run instanceof ToolRun.Exited exited ? (int) new String(exited.stdout(), StandardCharsets.UTF_8)
                .lines().filter(line -> WRITTEN.matcher(line).find()).count() : 0;
        if (run instanceof ToolRun.Exited exited && exited.succeeded()) {
            return new Created(documents.size(), Optional.empty());
        }
        return new Created(Math.min(written, documents.size()), Optional.of(ToolErrors.of(command, run, scrubber, clusterIdentities)));
    }

    /** tctl's line for a written resource: {@code role "x" has been created}, {@code user "x" has been updated}. */
    private static final java.util.regex.Pattern WRITTEN = java.util.regex.Pattern.compile(
            "\"[^\"]*\" has been (created|updated)");

    Either<ProviderError, String> rm(Endpoint endpoint, String ref) {
        return run(endpoint, List.of("rm", ref), Optional.empty());
    }

    /** Runs {@code tctl FLAGS ARGS}; its stdout on success. */
    Either<ProviderError, String> run(Endpoint endpoint, List<String> args, Optional<byte[]> stdin) {
        ToolCommand command = command(endpoint, args, stdin);
        ToolRun run = runAndKeepAlerts(command);
        if (run instanceof ToolRun.Exited exited && exited.succeeded()) {
            return Either.right(new String(exited.stdout(), StandardCharsets.UTF_8));
        }
        return Either.left(ToolErrors.of(command, run, scrubber, clusterIdentities));
    }

    /** The cluster alerts tctl printed so far, each once, scrubbed like its errors. */
    List<String> alerts() {
        return alerts.all();
    }

    /** Runs tctl and keeps the cluster alerts it printed, whether it succeeded or not. */
    private ToolRun runAndKeepAlerts(ToolCommand command) {
        ToolRun run = Processes.run(command);
        String stderr = switch (run) {
            case ToolRun.Exited exited -> exited.stderr();
            case ToolRun.TimedOut timedOut -> timedOut.stderr();
            case ToolRun.NotStarted notStarted -> "";
        };
        alerts.addAll(ToolStderr.of(stderr).alerts().stream().map(scrubber::clean).toList());
        return run;
    }

    private ToolCommand command(Endpoint endpoint, List<String> args, Optional<byte[]> stdin) {
        List<String> argv = new ArrayList<>();
        argv.add(binary);
        argv.addAll(endpoint.flags());
        argv.addAll(args);
        return new ToolCommand(SETTING, argv, environment, stdin, timeout);
    }
}
