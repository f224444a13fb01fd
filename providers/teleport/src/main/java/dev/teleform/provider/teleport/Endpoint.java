package dev.teleform.provider.teleport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a tctl call goes and as whom: {@code --auth-server} (a proxy address, {@code acme.teleport.sh:443})
 * and, unless the user's own {@code tsh} session is meant, {@code -i IDENTITY}.
 */
record Endpoint(String authServer, Optional<Path> identity) {

    /** The global flags, which tctl takes before the subcommand. */
    List<String> flags() {
        List<String> flags = new ArrayList<>(List.of("--auth-server", authServer));
        identity.ifPresent(file -> flags.addAll(List.of("-i", file.toString())));
        return flags;
    }
}
