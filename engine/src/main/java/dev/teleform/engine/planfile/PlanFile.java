package dev.teleform.engine.planfile;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A saved plan and what it was made from.
 *
 * @param stackDir       the stack directory, absolute
 * @param stackDigest    {@link dev.teleform.engine.stack.Stack#digest()} when planned
 * @param stateLineage   state's lineage when planned (empty before the first apply)
 * @param stateSerial    state's serial when planned
 * @param stateVersion   the state commit planned against
 * @param provider       {@code spec.provider}
 * @param providerTarget where that provider points: the parent proxy, or the simulator's data directory (relative to
 *                       the stack directory when it is inside it)
 */
public record PlanFile(String stackName, Path stackDir, String stackDigest, String stateLineage, long stateSerial,
        Optional<String> stateVersion, String provider, String providerTarget, List<Address> targets,
        List<Address> replaces, Plan plan) {

    public PlanFile {
        targets = List.copyOf(targets);
        replaces = List.copyOf(replaces);
    }
}
