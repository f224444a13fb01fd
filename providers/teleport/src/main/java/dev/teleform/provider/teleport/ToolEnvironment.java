package dev.teleform.provider.teleport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The environment a tool process gets: chosen variables of Teleform's own, nothing else.
 *
 * <p>Both tools get what any program needs to run and reach the network (PATH, HOME, locale, time
 * zone, temporary directory, proxy and CA settings). {@code tctl} also gets {@code TELEPORT_HOME},
 * where it finds the tsh profiles of a logged-in user. {@code tbot} also gets what its join method
 * reads from the environment, and only that: for {@code iam} the AWS SDK's variables (its IAM join
 * signs with the SDK's default chain: keys, profile or SSO, web identity, container and instance
 * metadata; and may need the SDK's endpoint and CA settings to reach STS or the metadata service);
 * for {@code github} the job's {@code ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}
 * (Teleport's {@code lib/githubactions}; GitHub sets them when the job has {@code permissions: id-token: write});
 * for {@code gitlab} {@code TBOT_GITLAB_JWT} (Teleport's {@code lib/gitlab}: the ID token the job declares under
 * that name); for {@code kubernetes} {@code KUBERNETES_TOKEN_PATH} (Teleport's {@code lib/kube/token}: where the
 * projected service account token is, if not at its default path). The other methods tbot joins with read
 * metadata services or the token itself.
 *
 * <p>No other {@code TELEPORT_*} or {@code TBOT_*} variable is passed, because each would redirect
 * a call that Teleform aims with flags and files of its own: tctl reads {@code TELEPORT_AUTH_SERVER},
 * {@code TELEPORT_IDENTITY_FILE}, {@code TELEPORT_CONFIG_FILE} and {@code TELEPORT_CONFIG}; tbot
 * reads {@code TELEPORT_AUTH_SERVER}, {@code TELEPORT_PROXY}, {@code TELEPORT_BOT_TOKEN},
 * {@code TBOT_CONFIG_PATH} and {@code TBOT_CONFIG}. A CI job's own values must never silently point
 * a call at another cluster.
 */
final class ToolEnvironment {

    private static final Set<String> BASE = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE",
            "TZ", "TMPDIR", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy",
            "SSL_CERT_FILE", "SSL_CERT_DIR");

    /** Where tctl (like tsh) keeps profiles; it says where to read, not which cluster to call. */
    private static final Set<String> TCTL = Set.of("TELEPORT_HOME");

    /** The AWS SDK's credential chain, region, endpoint and metadata-service settings. */
    private static final Set<String> AWS = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_STS_REGIONAL_ENDPOINTS", "AWS_CA_BUNDLE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS",
            "AWS_USE_FIPS_ENDPOINT", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_EC2_METADATA_DISABLED",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
            "AWS_EC2_METADATA_V1_DISABLED");

    /** What each join method reads from the environment, beyond {@link #BASE}. */
    private static final Map<String, Set<String>> JOIN = Map.of(
            "iam", AWS,
            "github", Set.of("ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"),
            "gitlab", Set.of("TBOT_GITLAB_JWT"),
            "kubernetes", Set.of("KUBERNETES_TOKEN_PATH"));

    /** Values that are secrets wherever they show up in a tool's output. */
    private static final List<String> SECRET_VARIABLES = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "TBOT_GITLAB_JWT");

    private ToolEnvironment() {}

    static Map<String, String> forTctl(Map<String, String> inherited) {
        return pick(inherited, BASE, TCTL);
    }

    /** What any tbot run may get: the base and every join method's variables, for {@link #forJoin} to narrow. */
    static Map<String, String> forTbot(Map<String, String> inherited) {
        return pick(inherited, BASE, JOIN.values().stream().flatMap(Set::stream).collect(Collectors.toSet()));
    }

    /** A tbot run that joins with {@code method}: the base and that method's variables. */
    static Map<String, String> forJoin(Map<String, String> inherited, String method) {
        return pick(inherited, BASE, JOIN.getOrDefault(method, Set.of()));
    }

    /** The secret values among {@code inherited}, for {@link Scrubber}. */
    static List<String> secretValues(Map<String, String> inherited) {
        return SECRET_VARIABLES.stream().map(inherited::get).filter(value -> value != null && value.length() >= 8)
                .toList();
    }

    private static Map<String, String> pick(Map<String, String> inherited, Set<String> names, Set<String> more) {
        Map<String, String> picked = new TreeMap<>();
        inherited.forEach((name, value) -> {
            if (names.contains(name) || more.contains(name)) {
                picked.put(name, value);
            }
        });
        return picked;
    }
}
