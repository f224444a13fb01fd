package dev.teleform.engine.resource;

/**
 * How long Teleport Cloud keeps a deleted workload cluster suspended and restorable, with its name
 * taken. The length is Cloud's to decide and no call reports it: the seed said 15 days, Teleport's
 * published docs say 14. So Teleform records when a cluster was deleted and names the period in
 * these words, never as a deadline it computed.
 */
public final class GracePeriod {

    /** The period, as every message names it. */
    public static final String NAME = "Teleport Cloud's grace period (14–15 days)";
    /** What a deleted workload cluster is, as every message says it. */
    public static final String RESTORABLE = "restorable for " + NAME;

    private GracePeriod() {
    }
}
