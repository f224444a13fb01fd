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
}
