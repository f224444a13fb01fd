package dev.teleform.provider.teleport;

import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.PrivateFiles;
import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Joins a cluster as a Machine ID bot with {@code tbot start -c CONFIG}: a v2 one-shot config (the join method and
 * token: IAM and the bot's name for a workload cluster, {@code spec.parent.join} for the parent; memory storage; an
 * identity service writing to a directory), all inside a private directory that the caller removes with the
 * credentials. tbot gets only the environment its join method reads ({@link ToolEnvironment#forJoin}).
 */
final class Tbot {

    static final String SETTING = "spec.bootstrap.tbot";
    /** Prefix of the private directories, so that a later run removes those of a killed one. */
    static final String DIRECTORY_PREFIX = "teleform-tbot-";

    private final String binary;
    private final Map<String, String> environment;
    private final Scrubber scrubber;
    private final Duration timeout;

    Tbot(String binary, Map<String, String> environment, Scrubber scrubber, Duration timeout) {
        this.binary = binary;
        this.environment = Map.copyOf(environment);
        this.scrubber = scrubber;
        this.timeout = timeout;
    }

    /** A joined bot: the identity file and the directory to remove when done. */
    record Joined(Path identity, Path directory) {}

    /** Joins the cluster at {@code proxy} ({@code host:443}) as {@code join} says. */
    Either<ProviderError, Joined> join(String proxy, BotJoin join) {
        Path dir;
        try {
            dir = PrivateFiles.createCredentialsDirectory(DIRECTORY_PREFIX);
        } catch (IOException e) {
            return Either.left(new ProviderError.ConnectionProblem("cannot create a private directory for tbot: "
                    + e.getMessage()));
        }
        try {
            Path out = dir.resolve("out");
            Path config = dir.resolve("tbot.json");
            PrivateFiles.createFile(config);
            Files.writeString(config, JsonMapper.builder().build().writeValueAsString(config(proxy, join, out)),
                    StandardCharsets.UTF_8);
            ToolCommand command = new ToolCommand(SETTING, List.of(binary, "start", "-c", config.toString()),
                    ToolEnvironment.forJoin(environment, join.method()), Optional.empty(), timeout);
            ToolRun run = Processes.run(command);
            if (!(run instanceof ToolRun.Exited exited && exited.succeeded())) {
                PrivateFiles.deleteTree(dir);
                return Either.left(ToolErrors.of(command, run, scrubber));
            }
            Path identity = out.resolve("identity");
            if (!Files.isRegularFile(identity)) {
                PrivateFiles.deleteTree(dir);
                return Either.left(new ProviderError.BadParameter("tbot exited 0 but wrote no identity file"));
            }
            return Either.right(new Joined(identity, dir));
        } catch (IOException | RuntimeException e) {
            PrivateFiles.deleteTree(dir);
            return Either.left(new ProviderError.ConnectionProblem("cannot run tbot: " + e.getMessage()));
        }
    }

    /** TELEPORT.md §5's one-shot configuration, with {@code join}'s method and token. */
    static ObjectNode config(String proxy, BotJoin join, Path destination) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("version", "v2");
        config.put("oneshot", true);
        config.put("proxy_server", proxy);
        config.putObject("onboarding").put("join_method", join.method()).put("token", join.token());
        config.putObject("storage").put("type", "memory");
        config.putArray("services").addObject().put("type", "identity").putObject("destination")
                .put("type", "directory").put("path", destination.toString());
        return config;
    }
}
