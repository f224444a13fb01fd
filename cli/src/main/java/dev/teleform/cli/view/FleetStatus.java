package dev.teleform.cli.view;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.operation.hook.Invitation;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a running apply stands, from its events: each workload cluster queued (no step of it started yet),
 * provisioning (its create, wait or join under way), active (joined, or already there, with steps under way),
 * deleting (its delete under way), done (every step of it ended well), failed (a step of it failed) or stopped
 * (left unfinished: steps of it skipped, or ended by an interrupt), so that the counts add up to the clusters the
 * plan touches; and the steps done of all and those under way. {@link #block} is the few lines the live view shows.
 */
final class FleetStatus implements ApplyEvents {

    private final int total;
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    /** The steps under way by id, in the order they started, as their lines name them. */
    private final Map<String, String> running = new LinkedHashMap<>();
    private int done;
    private int failed;
    private int skipped;
    /** Once the run is interrupted, what fails fails because of it: its clusters are stopped, not failed. */
    private boolean interrupted;

    FleetStatus(Plan plan) {
        this(plan.steps());
    }

    FleetStatus(List<PlanStep> steps) {
        this.total = steps.size();
        for (PlanStep step : steps) {
            clusterOf(step.action().address()).ifPresent(name -> clusters.computeIfAbsent(name, any -> new Cluster()).add(step));
        }
    }

    /** The workload cluster a step works on or in; none for the parent's own resources. */
    private static Optional<String> clusterOf(Address address) {
        if (address.kind() == ResourceKind.WORKLOAD_CLUSTER) {
            return Optional.of(address.name());
        }
        return address.inParentCluster() ? Optional.empty() : Optional.of(address.cluster());
    }

    private Optional<Cluster> cluster(PlanStep step) {
        return clusterOf(step.action().address()).map(clusters::get);
    }

    @Override
    public synchronized void started(PlanStep step) {
        running.put(step.id(), ProgressPrinter.subject(step));
        cluster(step).ifPresent(cluster -> cluster.started(step));
    }

    @Override
    public void waiting(PlanStep step, Duration elapsed, String state) {
    }

    @Override
    public void retrying(PlanStep step, int attempt, Duration after, String reason) {
    }

    @Override
    public synchronized void finished(PlanStep step, Duration took) {
        ended(step);
        done++;
    }

    @Override
    public synchronized void deferred(PlanStep step, String why) {
        ended(step);
        done++;
    }

    @Override
    public synchronized void failed(PlanStep step, String reason) {
        ended(step);
        failed++;
        cluster(step).ifPresent(cluster -> {
            if (interrupted) {
                cluster.stopped = true;
            } else {
                cluster.failed = true;
            }
        });
    }

    @Override
    public synchronized void skipped(PlanStep step, String because) {
        ended(step);
        skipped++;
        cluster(step).ifPresent(cluster -> cluster.stopped = true);
    }

    /** The run was interrupted: steps it ends early leave their clusters stopped. */
    synchronized void interrupted() {
        interrupted = true;
    }

    @Override
    public void invited(Invitation invitation) {
    }

    private void ended(PlanStep step) {
        running.remove(step.id());
        cluster(step).ifPresent(cluster -> cluster.ended(step));
    }

    /**
     * The status block: the elapsed time, the clusters by state (when the plan touches any) and the steps, naming
     * those under way (the screen cuts what does not fit). Plain ASCII, so that no locale turns it into question
     * marks.
     */
    synchronized List<String> block(Duration elapsed) {
        List<String> lines = new ArrayList<>();
        lines.add("-- teleform apply: " + clock(elapsed) + " elapsed");
        if (!clusters.isEmpty()) {
            Map<State, Integer> by = new HashMap<>();
            clusters.values().forEach(cluster -> by.merge(cluster.state(), 1, Integer::sum));
            StringBuilder line = new StringBuilder("clusters: ");
            for (State state : State.values()) {
                int count = by.getOrDefault(state, 0);
                if (count > 0 || state.always) {
                    line.append(count).append(' ').append(state.word).append(", ");
                }
            }
            line.setLength(line.length() - 2);
            lines.add(line.append(" (of ").append(clusters.size()).append(')').toString());
        }
        lines.add("steps: " + done + " of " + total + " done" + (failed == 0 ? "" : ", " + failed + " failed")
                + (skipped == 0 ? "" : ", " + skipped + " skipped") + ", "
                + running.size() + " running" + (running.isEmpty() ? "" : ": " + String.join(", ", running.values())));
        return lines;
    }

    /**
     * In the order the block lists them. The four of a provisioning fleet always show, so that the line keeps its
     * shape while it is watched; the others only when a cluster is in them.
     */
    private enum State {
        QUEUED("queued", false), PROVISIONING("provisioning", true), ACTIVE("active", true),
        DELETING("deleting", false), DONE("done", true), FAILED("failed", true), STOPPED("stopped", false);

        private final String word;
        private final boolean always;

        State(String word, boolean always) {
            this.word = word;
            this.always = always;
        }
    }

    /** One workload cluster's steps: how many ended, and whether its provisioning (create, wait, join) has. */
    private static final class Cluster {
        private int steps;
        private int ended;
        private int provisioning;
        private boolean started;
        private boolean deleting;
        private boolean failed;
        private boolean stopped;

        void add(PlanStep step) {
            steps++;
            if (provisions(step)) {
                provisioning++;
            }
        }

        void started(PlanStep step) {
            started = true;
            deleting |= deletes(step);
        }

        void ended(PlanStep step) {
            ended++;
            if (provisions(step)) {
                provisioning--;
            }
            deleting &= !deletes(step);
        }

        private static boolean deletes(PlanStep step) {
            return step.action() instanceof Action.Delete delete
                    && delete.address().kind() == ResourceKind.WORKLOAD_CLUSTER;
        }

        /** A new cluster's create, its wait until Teleport Cloud says active, and Teleform's join as its bot. */
        private static boolean provisions(PlanStep step) {
            return step.action() instanceof Action.Wait || step.action() instanceof Action.Bootstrap
                    || step.action() instanceof Action.Create create
                            && create.address().kind() == ResourceKind.WORKLOAD_CLUSTER;
        }

        State state() {
            if (failed) {
                return State.FAILED;
            }
            if (ended == steps) {
                return stopped ? State.STOPPED : State.DONE;
            }
            if (!started) {
                return State.QUEUED;
            }
            if (deleting) {
                return State.DELETING;
            }
            return provisioning > 0 ? State.PROVISIONING : State.ACTIVE;
        }
    }

    /** Elapsed time as {@code 1m05s}: whole seconds, so that the block changes once a second at most. */
    static String clock(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return seconds < 60 ? seconds + "s" : seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }
}
