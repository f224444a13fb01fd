package dev.teleform.provider.teleport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment a tool process gets: chosen variables of Teleform's own, nothing else.
 *
 * <p>Both tools get what any program needs to run and reach the network (PATH, HOME, locale, time
 * zone, temporary directory, proxy and CA settings). {@code tbot} also gets the AWS credential
 * chain's variables, which the IAM join signs with. No {@code TELEPORT_*} variable is passed:
 * Teleform gives {@code --auth-server} and {@code -i} as flags, and a CI job's own
 * {@code TELEPORT_IDENTITY_FILE} or {@code TELEPORT_AUTH_SERVER} must never silently point a call
 * at another cluster.
 */
final class ToolEnvironment {

    private static final Set<String> BASE = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE",
            "TZ", "TMPDIR", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy",
            "SSL_CERT_FILE", "SSL_CERT_DIR");

    /** The variables of the AWS SDK's default credential chain and region settings. */
    private static final Set<String> AWS = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_STS_REGIONAL_ENDPOINTS",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_EC2_METADATA_DISABLED",
            "AWS_USE_FIPS_ENDPOINT");

    /** Values that are secrets wherever they show up in a tool's output. */
    private static final List<String> SECRET_VARIABLES = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN");

    private ToolEnvironment() {}

    static Map<String, String> forTctl(Map<String, String> inherited) {
        return pick(inherited, BASE, Set.of());
    }

    static Map<String, String> forTbot(Map<String, String> inherited) {
        return pick(inherited, BASE, AWS);
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
