package dev.teleform.provider.teleport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What each tool inherits of Teleform's environment (TELEPORT.md §6, "tctl's environment"). */
class ToolEnvironmentTest {

    /** Variables tctl or tbot read to choose the cluster, identity, token or configuration of a call. */
    private static final List<String> REDIRECTING = List.of("TELEPORT_AUTH_SERVER", "TELEPORT_IDENTITY_FILE",
            "TELEPORT_PROXY", "TELEPORT_BOT_TOKEN", "TELEPORT_CONFIG_FILE", "TELEPORT_CONFIG", "TBOT_CONFIG_PATH",
            "TBOT_CONFIG");

    /** The AWS SDK settings an IAM join may need besides credentials: profile, CA, endpoints, IMDS. */
    private static final List<String> AWS_SDK = List.of("AWS_DEFAULT_PROFILE", "AWS_CA_BUNDLE", "AWS_ENDPOINT_URL",
            "AWS_ENDPOINT_URL_STS", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
            "AWS_EC2_METADATA_V1_DISABLED");

    private static Map<String, String> inherited() {
        Map<String, String> inherited = new TreeMap<>(Map.of("PATH", "/usr/bin", "HOME", "/home/ci",
                "TELEPORT_HOME", "/home/ci/.tsh-ci", "AWS_REGION", "eu-west-1", "GITHUB_TOKEN", "ghp_notForTools"));
        REDIRECTING.forEach(name -> inherited.put(name, "elsewhere"));
        AWS_SDK.forEach(name -> inherited.put(name, "value-of-" + name));
        return inherited;
    }

    @Test
    void tctlKeepsTeleportHomeButNothingThatRedirectsACall() {
        assertEquals(Map.of("PATH", "/usr/bin", "HOME", "/home/ci", "TELEPORT_HOME", "/home/ci/.tsh-ci"),
                ToolEnvironment.forTctl(inherited()));
    }

    @Test
    void tbotGetsTheAwsSdkSettingsButNothingThatRedirectsTheJoin() {
        Map<String, String> expected = new TreeMap<>(Map.of("PATH", "/usr/bin", "HOME", "/home/ci",
                "AWS_REGION", "eu-west-1"));
        AWS_SDK.forEach(name -> expected.put(name, "value-of-" + name));
        assertEquals(expected, ToolEnvironment.forTbot(inherited()));
    }

    @Test
    void eachJoinMethodGetsOnlyWhatItReads() {
        Map<String, String> inherited = new TreeMap<>(inherited());
        inherited.putAll(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", "https://token.actions.example/idtoken?x=1",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-token", "TBOT_GITLAB_JWT", "gitlab-jwt",
                "KUBERNETES_TOKEN_PATH", "/var/run/secrets/tokens/join-sa-token", "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"));
        Map<String, String> tbot = ToolEnvironment.forTbot(inherited);
        Map<String, String> base = Map.of("PATH", "/usr/bin", "HOME", "/home/ci");
        assertEquals(with(base, "ACTIONS_ID_TOKEN_REQUEST_URL", "https://token.actions.example/idtoken?x=1",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-token"), ToolEnvironment.forJoin(tbot, "github"));
        assertEquals(with(base, "TBOT_GITLAB_JWT", "gitlab-jwt"), ToolEnvironment.forJoin(tbot, "gitlab"));
        assertEquals(with(base, "KUBERNETES_TOKEN_PATH", "/var/run/secrets/tokens/join-sa-token"),
                ToolEnvironment.forJoin(tbot, "kubernetes"));
        assertEquals(base, ToolEnvironment.forJoin(tbot, "gcp"), "a metadata service is asked, not the environment");
        assertEquals("AKIAEXAMPLE", ToolEnvironment.forJoin(tbot, "iam").get("AWS_ACCESS_KEY_ID"));
        assertEquals(List.of("request-token", "gitlab-jwt").stream().sorted().toList(), ToolEnvironment
                .secretValues(Map.of("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-token", "TBOT_GITLAB_JWT", "gitlab-jwt"))
                .stream().sorted().toList(), "the ID tokens are scrubbed from whatever tbot prints");
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new TreeMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }
}
