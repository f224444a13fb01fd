package dev.teleform.provider.simulator.standin;

import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.Faults;
import dev.teleform.provider.simulator.cloud.Operation;
import dev.teleform.provider.simulator.cloud.SimConsole;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import dev.teleform.provider.simulator.store.SimStore;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code tbot start -c CONFIG} for the one-shot v2 configuration of TELEPORT.md §5, and writes {@code identity}
 * into the destination directory. At a workload cluster's proxy it joins as the bot the token names, with the IAM
 * identity of {@code AWS_ROLE_ARN} when set (the AWS variables are what tbot's environment carries) or else the
 * stack's {@code spec.simulator.aws}. At the parent's proxy it joins as the bot of the token
 * ({@link SimulatedCloud#joinParentAsBot}); a {@code github} join needs the job's {@code ACTIONS_ID_TOKEN_REQUEST_URL}
 * and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}, as tbot's does.
 */
@Command(name = "start")
final class TbotStart implements StandInCommand {

    /**
     * What a github join needs from the job, in the order tbot reads them, each with tbot's words when it is
     * missing (Teleport's {@code lib/githubactions/token_source.go}).
     */
    private static final List<String> GITHUB_ID_TOKEN = List.of("ACTIONS_ID_TOKEN_REQUEST_URL",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN");

    @ParentCommand
    Tbot tbot;

    @Option(names = {"-c", "--config"})
    Path configFile;

    @Override
    public int run() {
        Either<String, Path> joined = start();
        if (joined.isLeft()) {
            throw new StandInFailure(joined.getLeft());
        }
        return 0;
    }

    private Either<String, Path> start() {
        if (configFile == null) {
            return Either.left("a configuration file is required: tbot start -c FILE");
        }
        JsonNode config;
        try {
            config = YAMLMapper.builder().build().readTree(Files.readString(configFile));
        } catch (IOException | JacksonException e) {
            return Either.left("loading configuration " + configFile + ": " + e.getMessage());
        }
        if (!"v2".equals(config.path("version").asString(""))) {
            return Either.left("unsupported config version \"" + config.path("version").asString("") + "\"");
        }
        BotJoin join = new BotJoin(config.path("onboarding").path("join_method").asString(""),
                config.path("onboarding").path("token").asString(""));
        String proxy = config.path("proxy_server").asString("");
        String host = proxy.contains(":") ? proxy.substring(0, proxy.lastIndexOf(':')) : proxy;
        String parentHost = SimulatedCloud.PARENT_PROXY.substring(0, SimulatedCloud.PARENT_PROXY.lastIndexOf(':'));
        boolean parent = host.equals(parentHost);
        if (!parent && !"iam".equals(join.method())) {
            return Either.left("the simulator joins a workload cluster only with join_method iam");
        }
        if (parent && !BotJoin.METHODS.contains(join.method())) {
            return Either.left("the simulator joins the parent only with join_method one of "
                    + String.join(", ", BotJoin.METHODS));
        }
        if (!host.endsWith(".teleport.sh")) {
            return Either.left("failed to connect to " + proxy + ": connection refused");
        }
        JsonNode destination = null;
        for (JsonNode service : config.path("services")) {
            if ("identity".equals(service.path("type").asString(""))
                    && "directory".equals(service.path("destination").path("type").asString(""))) {
                destination = service.path("destination");
            }
        }
        if (destination == null || destination.path("path").asString("").isEmpty()) {
            return Either.left("no identity service with a directory destination in " + configFile);
        }
        TbotLog log = new TbotLog(tbot.err());
        // tbot's checks before it joins warn of this for the memory storage the one-shot config uses
        log.warn(tbot.console().cloud().now(), "TBOT", "Bot is configured with a non-persistent storage destination. "
                + "If the bot is running in a non-ephemeral environment, this will impact the ability to provide a "
                + "long-lived bot instance identity", "tbot/tbot.go:540");
        Either<String, Caller> bot = parent ? joinParent(join) : joinChild(host, join.token());
        if (bot.isLeft()) {
            return Either.left(bot.getLeft());
        }
        Path dir = Path.of(destination.path("path").asString());
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path identity = dir.resolve("identity");
            tbot.console().cloud().identities().issue(bot.get(), SimulatedCloud.BOT_CERTIFICATE_TTL,
                    tbot.console().cloud().now(), identity);
            logJoined(log, bot.get().user().substring("bot-".length()), "\"identity (directory: " + dir + ")\"");
            return Either.right(identity);
        } catch (IOException e) {
            return Either.left("writing the identity to " + dir + ": " + e.getMessage());
        }
    }

    /** The bot of a workload cluster, joined with the IAM identity tbot's environment or the simulator gives. */
    private Either<String, Caller> joinChild(String host, String token) {
        SimConsole console = tbot.console();
        Map<String, String> environment = tbot.environment();
        String cluster = host.substring(0, host.length() - ".teleport.sh".length());
        String arn = environment.getOrDefault("AWS_ROLE_ARN", console.config().simulator().awsArn());
        String[] arnParts = arn.split(":");
        String account = environment.containsKey("AWS_ROLE_ARN") && arnParts.length > 4 ? arnParts[4]
                : console.config().simulator().awsAccount();
        Faults.Decision decision = console.faults().before(Operation.BOOTSTRAP, SimulatedCloud.WORKLOAD_CLUSTER);
        if (decision.failure().isPresent()) {
            return Either.left(decision.failure().get().message());
        }
        return botToken(cluster).filterOrElse(token::equals,
                        name -> new ProviderError.AccessDenied("token \"" + token + "\" is not found in " + host))
                .flatMap(ok -> console.cloud().joinAsBot(cluster, account, arn))
                .mapLeft(ProviderError::message);
    }

    /**
     * The bot of the parent's join token. tbot's github join first asks GitHub for an ID token with the job's
     * variables, and stops as tbot does (the join wraps the reason) when one is missing.
     */
    private Either<String, Caller> joinParent(BotJoin join) {
        if ("github".equals(join.method())) {
            for (String variable : GITHUB_ID_TOKEN) {
                if (tbot.environment().getOrDefault(variable, "").isEmpty()) {
                    return Either.left("joining with token\n\t" + variable + " environment variable missing");
                }
            }
        }
        Faults.Decision decision = tbot.console().faults().before(Operation.JOIN_PARENT, SimulatedCloud.WORKLOAD_CLUSTER);
        if (decision.failure().isPresent()) {
            return Either.left(decision.failure().get().message());
        }
        return Either.right(tbot.console().cloud().joinParentAsBot(join));
    }

    /** What tbot logs when a one-shot identity service has run. */
    private void logJoined(TbotLog log, String bot, String service) {
        java.time.Instant now = tbot.console().cloud().now();
        log.info(now, "TBOT:IDENTITY", "Fetched new bot identity identity:" + bot + " | valid: after=" + now
                + ", before=" + now.plus(SimulatedCloud.BOT_CERTIFICATE_TTL) + " | kind=tls, renewable=false, "
                + "roles=[bot-" + bot + "]", "tbot/service_bot_identity.go:287");
        log.info(now, "TBOT", "Initialization complete. Starting services", "tbot/tbot.go:404");
        log.info(now, "TBOT", "Running service in oneshot mode service:" + service, "tbot/tbot.go:418");
        log.info(now, "TBOT", "Service finished service:" + service, "tbot/tbot.go:427");
    }

    /** The join token of the cluster's bot: named {@code spec.bot.name}. */
    private Either<ProviderError, String> botToken(String cluster) {
        return tbot.console().store().read(SimStore.PARENT, SimulatedCloud.WORKLOAD_CLUSTER, cluster)
                .<Either<ProviderError, String>>map(doc -> Either.right(doc.path("spec").path("bot").path("name")
                        .asString("")))
                .orElseGet(() -> Either.left(new ProviderError.ConnectionProblem("failed to connect to " + cluster
                        + ".teleport.sh:443: no such host")));
    }
}
