package dev.teleform.engine.stack;

import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.GoDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** Turns a schema-valid {@code kind: stack} document into {@link StackSettings}, filling defaults. */
final class SettingsReader {

    static final String DEFAULT_STATE_REPO = ".teleform/state.git";
    static final String DEFAULT_SIMULATOR_DIR = ".teleform/sim";
    static final Duration DEFAULT_LOCK_LEASE = Duration.ofMinutes(10);
    static final Duration DEFAULT_PROVISIONING_DELAY = Duration.ofSeconds(5);
    static final String DEFAULT_AWS_ACCOUNT = "123456789012";
    static final String DEFAULT_AWS_ARN = "arn:aws:iam::123456789012:role/teleform-sim";

    private SettingsReader() {
    }

    static StackSettings read(SourceDocument document) {
        JsonNode root = document.root();
        JsonNode spec = root.path("spec");
        String name = root.path("metadata").path("name").asString("");
        JsonNode parent = spec.path("parent");
        JsonNode state = spec.path("state");
        JsonNode simulator = spec.path("simulator");
        Map<String, StackSettings.ClusterOverride> clusters = new HashMap<>();
        spec.path("clusters").properties().forEach(entry -> clusters.put(entry.getKey(),
                new StackSettings.ClusterOverride(text(entry.getValue().path("identity_file")))));
        List<String> include = StreamSupport.stream(spec.path("include").spliterator(), false)
                .map(node -> node.asString(""))
                .toList();
        return new StackSettings(
                name,
                spec.path("provider").asString(""),
                new StackSettings.Parent(text(parent.path("proxy")), text(parent.path("identity_file")),
                        join(parent.path("join"))),
                new StackSettings.State(
                        Path.of(text(state.path("repo")).orElse(DEFAULT_STATE_REPO)),
                        text(state.path("branch")).orElse("main"),
                        text(state.path("file")).orElse(name + ".json"),
                        text(state.path("remote")),
                        duration(state.path("lock_lease")).orElse(DEFAULT_LOCK_LEASE),
                        text(state.path("ssh_key")),
                        text(state.path("known_hosts"))),
                new StackSettings.Bootstrap(
                        text(spec.path("bootstrap").path("tbot")).orElse("tbot"),
                        text(spec.path("bootstrap").path("tctl")).orElse("tctl")),
                duration(spec.path("defaults").path("wait_timeout")).orElse(StackSettings.DEFAULT_WAIT_TIMEOUT),
                clusters,
                new StackSettings.Simulator(
                        Path.of(text(simulator.path("dir")).orElse(DEFAULT_SIMULATOR_DIR)),
                        duration(simulator.path("provisioning_delay")).orElse(DEFAULT_PROVISIONING_DELAY),
                        text(simulator.path("aws").path("account")).orElse(DEFAULT_AWS_ACCOUNT),
                        text(simulator.path("aws").path("arn")).orElse(DEFAULT_AWS_ARN),
                        simulator.path("deny_bot_list").asBoolean(false),
                        simulator.path("provisioning_reads").asInt(0)),
                include,
                deliverInvites(spec.path("invites").path("deliver")));
    }

    /** {@code spec.invites.deliver}, when it names a program (the schema reports anything less). */
    private static Optional<StackSettings.DeliverInvites> deliverInvites(JsonNode deliver) {
        List<String> exec = StreamSupport.stream(deliver.path("exec").spliterator(), false)
                .map(node -> node.asString("")).toList();
        if (exec.isEmpty() || exec.getFirst().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StackSettings.DeliverInvites(exec,
                duration(deliver.path("timeout")).orElse(StackSettings.DeliverInvites.DEFAULT_TIMEOUT)));
    }

    /** {@code spec.parent.join}, when it names a method and a token (the schema reports anything less). */
    private static Optional<BotJoin> join(JsonNode join) {
        Optional<String> method = text(join.path("method"));
        Optional<String> token = text(join.path("token"));
        return method.isPresent() && token.isPresent() ? Optional.of(new BotJoin(method.get(), token.get()))
                : Optional.empty();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isString() && !node.asString().isEmpty() ? Optional.of(node.asString()) : Optional.empty();
    }

    /** Integers are nanoseconds, as in Teleport's JSON. */
    static Optional<Duration> duration(JsonNode node) {
        if (node.isIntegralNumber()) {
            return Optional.of(Duration.ofNanos(node.asLong()));
        }
        return node.isString() ? GoDuration.parse(node.asString()) : Optional.empty();
    }
}
