package dev.teleform.provider.teleport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.teleform.engine.provider.ProviderError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every error text of TELEPORT.md, as tctl and tbot print it (red, "ERROR: ", blank line), to its SPI kind. */
class ToolErrorsTest {

    private static final ToolCommand TCTL = new ToolCommand("spec.bootstrap.tctl",
            List.of("/opt/teleport/bin/tctl", "get", "roles", "--format", "json"), Map.of(), Optional.empty(),
            Duration.ofSeconds(30));
    private static final String RED = "\u001B[31m";
    private static final String RESET = "\u001B[0m";

    /** What tctl writes to stderr for an error: red, prefixed, then a blank line. */
    private static String printed(String text) {
        return RED + "ERROR: " + text + RESET + "\n\n";
    }

    static List<Arguments> texts() {
        return List.of(
                Arguments.of("getting resource \"x\" of type \"role\"\n\trole x is not found", ProviderError.NotFound.class,
                        "getting resource \"x\" of type \"role\": role x is not found"),
                Arguments.of("error deleting resource \"x\" of type \"role\"\n\trole \"x\" is not found",
                        ProviderError.NotFound.class, "error deleting resource \"x\" of type \"role\": role \"x\" is not found"),
                Arguments.of("getting resource \"alice\" of type \"user\"\n\tuser \"alice\" not found",
                        ProviderError.NotFound.class, "getting resource \"alice\" of type \"user\": user \"alice\" not found"),
                Arguments.of("use -f or --force flag to overwrite\n\trole \"x\" already exists",
                        ProviderError.AlreadyExists.class, "use -f or --force flag to overwrite: role \"x\" already exists"),
                Arguments.of("user \"alice\" already registered", ProviderError.AlreadyExists.class,
                        "user \"alice\" already registered"),
                Arguments.of("access denied to perform action \"delete\" on \"user\"", ProviderError.AccessDenied.class,
                        "access denied to perform action \"delete\" on \"user\""),
                Arguments.of("only Teleport Cloud users with the WorkloadClusters feature may use workload cluster "
                        + "resources - please reach out to our support team at support@goteleport.com to discuss "
                        + "enabling this feature", ProviderError.AccessDenied.class, null),
                Arguments.of("workload clusters API is only available to users", ProviderError.AccessDenied.class, null),
                Arguments.of("failed to join child.teleport.sh: IAM identity arn:aws:iam::123456789012:role/ci of account "
                        + "123456789012 does not match any allow rule of token \"child-bot\"",
                        ProviderError.AccessDenied.class, null),
                Arguments.of("unable to communicate with the Teleport Cloud API", ProviderError.ConnectionProblem.class,
                        null),
                Arguments.of("Cannot connect to the auth server. Is the auth server running on \"child.teleport.sh:443\"?",
                        ProviderError.ConnectionProblem.class, null),
                Arguments.of("rate limit exceeded, try again later", ProviderError.LimitExceeded.class, null),
                Arguments.of("creating resources of type \"token\" is not supported", ProviderError.BadParameter.class,
                        null),
                Arguments.of("no resources found, empty input?", ProviderError.BadParameter.class, null),
                Arguments.of("mixed resource types only support YAML formatting", ProviderError.BadParameter.class, null),
                Arguments.of("reserved role: editor", ProviderError.BadParameter.class, null),
                Arguments.of("tctl --identity also requires --auth-server", ProviderError.BadParameter.class, null),
                Arguments.of("workload cluster \"child\" cannot be changed: Teleport Cloud rejects any change to an "
                        + "existing cluster's configuration", ProviderError.BadParameter.class, null),
                Arguments.of("regions is required", ProviderError.BadParameter.class, null),
                Arguments.of("region name is required", ProviderError.BadParameter.class, null),
                Arguments.of("name is required", ProviderError.BadParameter.class, null),
                Arguments.of("invalid requested TTL: 48h, a reset link is valid for at most 24h",
                        ProviderError.BadParameter.class, null));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void eachTextMapsToItsKind(String text, Class<? extends ProviderError> kind, String expected) {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.Exited(1, new byte[0], printed(text)),
                new Scrubber(List.of()));
        assertInstanceOf(kind, error, error.toString());
        assertEquals(expected == null ? text : expected, error.message());
    }

    @Test
    void anOldTctlGetsOneLineNamingTheSetting() {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.Exited(1, new byte[0], printed("unsupported resource: "
                + "\"workload_clusters\" - resources should be expressed as 'type/name', for example 'connector/github'")),
                new Scrubber(List.of()));
        assertEquals(new ProviderError.BadParameter("this tctl (/opt/teleport/bin/tctl) does not know workload clusters: "
                + "install a tctl that supports them, or point spec.bootstrap.tctl at one"), error);
    }

    @Test
    void aMissingBinaryNamesTheSetting() {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.NotStarted("Cannot run program \"/opt/teleport/bin/tctl\": "
                + "error=2, No such file or directory"), new Scrubber(List.of()));
        assertEquals(new ProviderError.BadParameter("cannot run /opt/teleport/bin/tctl: not found; install it or set "
                + "spec.bootstrap.tctl to its path"), error);
    }

    @Test
    void aTimeoutIsTransientAndSaysWhatRan() {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.TimedOut(Duration.ofSeconds(30), ""),
                new Scrubber(List.of()));
        assertEquals(new ProviderError.ConnectionProblem("tctl get roles --format json did not finish in 30 s and was "
                + "stopped"), error);
    }

    @Test
    void silenceIsStillAReason() {
        ProviderError error = ToolErrors.of(TCTL, new ToolRun.Exited(2, new byte[0], ""), new Scrubber(List.of()));
        assertEquals(new ProviderError.BadParameter("exited with status 2 and printed no reason"), error);
    }
}
