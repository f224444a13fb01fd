package dev.teleform.engine.operation.access;

import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.ProviderConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the stack says about who Teleform is in each cluster, beyond what the provider reaches by itself.
 *
 * @param parentJoin        the Machine ID bot that joins the parent for the run ({@code spec.parent.join})
 * @param clusterIdentities identity files used instead of a workload cluster's bot
 *                          ({@code spec.clusters.<name>.identity_file})
 */
public record AccessSettings(Optional<BotJoin> parentJoin, Map<String, Path> clusterIdentities) {

    /** No parent join and every workload cluster reached as its bot. */
    public static final AccessSettings BOTS = new AccessSettings(Optional.empty(), Map.of());

    public AccessSettings {
        clusterIdentities = Map.copyOf(clusterIdentities);
    }

    public static AccessSettings of(ProviderConfig config) {
        return new AccessSettings(config.parentJoin(), config.clusterIdentities());
    }
}
