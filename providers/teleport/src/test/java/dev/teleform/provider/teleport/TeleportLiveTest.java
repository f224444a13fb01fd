package dev.teleform.provider.teleport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Against a real Teleport Cloud parent; skipped unless {@code TELEFORM_LIVE_PROXY} and
 * {@code TELEFORM_LIVE_IDENTITY} are set (README, "Live test"). It creates one workload cluster
 * {@code teleform-live-XXXXXX} in us-west-2 whose join token allows {@code TELEFORM_LIVE_AWS_ACCOUNT} and
 * {@code TELEFORM_LIVE_AWS_ARN} (the AWS identity this machine's credential chain gives tbot), waits until
 * it is active (up to 20 minutes), joins it as its bot, creates a role and a user with its invite, asks for a reset
 * link (never printed), then deletes the cluster, which takes the role and user with it and leaves it
 * restorable for Teleport Cloud's grace period (14–15 days). {@code TELEFORM_LIVE_TCTL}/{@code TELEFORM_LIVE_TBOT} name the binaries if they
 * are not on PATH.
 */
@EnabledIfEnvironmentVariable(named = "TELEFORM_LIVE_PROXY", matches = ".+")
@EnabledIfEnvironmentVariable(named = "TELEFORM_LIVE_IDENTITY", matches = ".+")
class TeleportLiveTest {

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static <T> T ok(String what, Either<ProviderError, T> result) {
        return result.getOrElseGet(error -> fail(what + ": " + error));
    }

    @Test
    void createsJoinsWritesInvitesAndDeletesOneWorkloadCluster() throws InterruptedException {
        ProviderConfig config = new ProviderConfig(Path.of("."), "live", Optional.of(System.getenv("TELEFORM_LIVE_PROXY")),
                Optional.of(Path.of(System.getenv("TELEFORM_LIVE_IDENTITY"))), Optional.empty(), Map.of(),
                new ProviderConfig.Tools(env("TELEFORM_LIVE_TCTL", "tctl"), env("TELEFORM_LIVE_TBOT", "tbot")),
                new ProviderConfig.SimulatorOptions(Path.of("."), Duration.ZERO, "", ""), InstantSource.system());
        String name = "teleform-live-" + UUID.randomUUID().toString().substring(0, 6);
        ObjectNode cluster = JsonNodeFactory.instance.objectNode().put("kind", "workload_cluster").put("version", "v1");
        cluster.putObject("metadata").put("name", name);
        ObjectNode spec = cluster.putObject("spec");
        spec.putArray("regions").addObject().put("name", env("TELEFORM_LIVE_REGION", "us-west-2"));
        spec.putObject("bot").put("name", name + "-bot");
        spec.putObject("token").put("join_method", "iam").putArray("allow").addObject()
                .put("aws_account", env("TELEFORM_LIVE_AWS_ACCOUNT", "")).put("aws_arn", env("TELEFORM_LIVE_AWS_ARN", ""));
        try (Provider provider = new TeleportProviderFactory().open(config)) {
            ok("create " + name, provider.upsert(ClusterTarget.parent(), cluster));
            try {
                long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
                while (!ok("status", provider.status(ClusterTarget.parent(), name)).active()) {
                    assertTrue(System.nanoTime() < deadline, name + " did not become active in 20 minutes");
                    Thread.sleep(30_000);
                }
                try (ClusterCredentials bot = ok("join " + name, provider.bootstrap(ClusterTarget.parent(), name))) {
                    ClusterTarget child = ClusterTarget.child(bot);
                    ObjectNode role = JsonNodeFactory.instance.objectNode().put("kind", "role").put("version", "v7");
                    role.putObject("metadata").put("name", "teleform-live");
                    role.putObject("spec").putObject("allow").putArray("logins").add("ubuntu");
                    ok("create role", provider.create(child, role));
                    ObjectNode user = JsonNodeFactory.instance.objectNode().put("kind", "user").put("version", "v2");
                    user.putObject("metadata").put("name", "teleform-live");
                    user.putObject("spec").putArray("roles").add("teleform-live");
                    Provider.Invited invited = ok("create user with its invite", provider.createInvited(child, user,
                            Duration.ofHours(48)));
                    assertTrue(invited.link().url().getPath().startsWith("/web/invite/"), "an invite token, not a reset");
                    ok("read back", invited.user());
                    ok("reset link", provider.invite(child, "teleform-live", Duration.ofHours(24)));
                    assertTrue(ok("list", provider.list(child, ResourceKind.USER)).stream()
                            .anyMatch(live -> live.name().equals("teleform-live")));
                }
            } finally {
                ok("delete " + name, provider.delete(ClusterTarget.parent(), ResourceKind.WORKLOAD_CLUSTER, name));
            }
        }
    }
}
