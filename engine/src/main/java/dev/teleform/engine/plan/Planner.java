package dev.teleform.engine.plan;

import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.provider.LinkLimits;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.PasswordState;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.resource.GracePeriod;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.resource.TeleportPresets;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides what happens to each managed resource, from the stack (desired), state (last applied)
 * and refresh (live), and refuses what Teleport would refuse or what would lose something:
 * a changed workload cluster spec, a delete the cluster's identity may not do, a delete under
 * {@code prevent_destroy}. {@link PlanGraph} then orders the steps. It reads nothing and writes nothing: its
 * inputs decide the plan, though a fed {@link LiveSnapshot} hands it live state cluster by cluster.
 */
public final class Planner {

    private final ThreeWayDiff diff;
    private final LinkLimits links;

    /** @param links how long the provider's sign-up links may last */
    public Planner(ThreeWayDiff diff, LinkLimits links) {
        this.diff = diff;
        this.links = links;
    }

    public Plan plan(Stack stack, State state, LiveSnapshot live, PlanOptions options) {
        // Hashed, not sorted, and sorted once below: a fleet's plan looks up every address in these.
        Map<Address, Resource> declared = HashMap.newHashMap(stack.resources().size());
        stack.resources().forEach(resource -> declared.put(resource.address(), resource));
        Decisions decisions = new Decisions(stack, state, live, options, declared);
        Map<Address, Resource> desired = options.mode() == PlanMode.DESTROY ? Map.of() : declared;
        // What state holds plus what the stack declares; --destroy has no desired side, so only state:
        // like Terraform, destroy deletes what was applied, never a live namesake of a declaration.
        List<Address> managed = sortedUnion(options.mode() == PlanMode.DESTROY ? List.of()
                : stack.resources().stream().map(Resource::address).toList(), state.resources());
        Map<Address, ResourceState> applied = HashMap.newHashMap(state.resources().size());
        applied.putAll(state.resources());
        decisions.managed.addAll(managed);
        // By address, so cluster by cluster: a fed snapshot holds one cluster's live documents at a time.
        String cluster = null;
        for (Address address : managed) {
            if (!address.cluster().equals(cluster)) {
                if (cluster != null) {
                    live.passed(cluster);
                }
                cluster = address.cluster();
                live.reach(cluster);
            }
            Optional<Resource> wanted = Optional.ofNullable(desired.get(address));
            Optional<ResourceState> last = Optional.ofNullable(applied.get(address));
            if (wanted.isPresent()) {
                decisions.keep(wanted.get(), last);
            } else {
                decisions.remove(address, last, decisions.declaredOf(address));
            }
        }
        if (cluster != null) {
            live.passed(cluster);
        }
        live.finished();
        if (options.mode() == PlanMode.REFRESH_ONLY) {
            return new Plan(PlanMode.REFRESH_ONLY, List.of(), decisions.drift, Diagnostics.of(decisions.problems),
                    managed.size() - decisions.unknown.size(), decisions.unknown);
        }
        PlanGraph graph = new PlanGraph(decisions.actions, decisions.userRoles, live, options.targets(),
                options.excludes());
        List<PlanStep> steps = graph.steps();
        // A resource left out is left out with its problems: a change Teleport would refuse is a reason to exclude it.
        return new Plan(options.mode(), steps, decisions.drift, Diagnostics.of(decisions.problemsOutside(graph)),
                decisions.unchanged, decisions.unknown, graph.excluded(decisions.problemsAbout.values()),
                options.allowDestroy(), options.readWorkloadClusters());
    }

    /** The addresses of both, in order, each once; {@code sorted}'s keys are in order already (natural order). */
    private static List<Address> sortedUnion(List<Address> inStackOrder, SortedMap<Address, ?> sorted) {
        // A stack's files list a cluster's resources together, mostly in order: sorting such runs is nearly linear.
        List<Address> first = new ArrayList<>(inStackOrder);
        first.sort(null);
        List<Address> union = new ArrayList<>(first.size() + sorted.size());
        Iterator<Address> second = sorted.keySet().iterator();
        Address next = second.hasNext() ? second.next() : null;
        Address previous = null;
        for (Address address : first) {
            if (address.equals(previous)) {
                continue;
            }
            previous = address;
            while (next != null && next.compareTo(address) < 0) {
                union.add(next);
                next = second.hasNext() ? second.next() : null;
            }
            if (next != null && next.equals(address)) {
                next = second.hasNext() ? second.next() : null;
            }
            union.add(address);
        }
        while (next != null) {
            union.add(next);
            next = second.hasNext() ? second.next() : null;
        }
        return union;
    }

    /** The per-resource decisions of one plan. */
    private final class Decisions {
        private final LiveSnapshot live;
        private final PlanOptions options;
        private final Stack stack;
        private final List<Action> actions = new ArrayList<>();
        private final List<Drift> drift = new ArrayList<>();
        private final List<Diagnostic> problems = new ArrayList<>();
        /** The resource each of {@link #problems} is about, so that {@code --exclude} takes its problems out too. */
        private final Map<Diagnostic, Address> problemsAbout = new IdentityHashMap<>();
        /** The resource being decided. */
        private Address deciding;
        private final Map<Address, List<String>> userRoles = new TreeMap<>();
        /** In address order. */
        private final List<Address> managed = new ArrayList<>();
        private final List<Address> unknown = new ArrayList<>();
        private int unchanged;

        private final State state;
        /** Every declared resource by address, whatever the mode: looked up per managed resource. */
        private final Map<Address, Resource> declarations;

        /** How a message names a command to run next: with the stack's directory, as it was given. */
        private CommandHint hint() {
            return new CommandHint(stack.dir());
        }

        Decisions(Stack stack, State state, LiveSnapshot live, PlanOptions options,
                Map<Address, Resource> declarations) {
            this.stack = stack;
            this.state = state;
            this.live = live;
            this.options = options;
            this.declarations = declarations;
        }

        /** A resource the stack declares. */
        void keep(Resource wanted, Optional<ResourceState> applied) {
            Address address = wanted.address();
            deciding = address;
            if (wanted.kind() == ResourceKind.USER) {
                List<String> roles = new ArrayList<>();
                wanted.document().path("spec").path("roles").forEach(role -> roles.add(role.asString("")));
                userRoles.put(address, roles);
            }
            if (!readable(address)) {
                if (applied.isEmpty() || applied.get().creating()) {
                    create(wanted);
                } else if (clusterGone(address)) {
                    report(new Drift(address, true, List.of())); // it went with its cluster
                    create(wanted);
                } else {
                    unknown.add(address);
                }
                return;
            }
            Optional<LiveResource> current = live.get(address);
            if (current.isEmpty()) {
                if (applied.isPresent() && !applied.get().creating()) {
                    report(new Drift(address, true, List.of()));
                }
                create(wanted); // a create that a killed run had only announced is simply made again
                return;
            }
            Optional<String> teleports = ownedByTeleport(address);
            // A preset may be adopted when the stack declares it exactly (it then is forgotten, never deleted);
            // what Teleport made for itself, a bot's user and role above all, is never written.
            if (teleports.isPresent() && !TeleportPresets.preset(address.kind(), address.name(), current.get().document())) {
                refuse(wanted.source().start(), address + " is " + teleports.get() + ": Teleform never writes it; "
                        + "remove it from the stack (Teleport keeps it)");
                return;
            }
            ObjectNode liveDocument = current.get().document();
            // A field that was sensitive when applied hid its value in state, and live still holds it.
            SensitiveFields sensitive = wanted.sensitive().plus(SensitiveFields.of(
                    applied.map(ResourceState::sensitive).orElse(Set.of())));
            ThreeWayDiff.Result result = diff.diff(wanted.kind(), wanted.document(),
                    applied.map(ResourceState::applied).orElse(null), liveDocument, wanted.lifecycle().ignoreChanges(),
                    sensitive);
            if (!result.drift().isEmpty()) {
                report(new Drift(address, false, result.drift()));
            }
            if (applied.isEmpty()) {
                if (result.inSync()) {
                    // No invite: a user Teleform made is in state from before its create (see apply's
                    // write-ahead), so one found here was made by someone else, who may have handed out its
                    // link already; a new one would cancel it (and a reset would delete passkeys).
                    act(new Action.Adopt(address, wanted.document(), wanted.sensitive()));
                } else {
                    refuse(wanted.source().start(), address + " exists in Teleport but Teleform does not manage it, and "
                            + "it differs from the stack (" + fields(result.changes()) + "); adopt it with '"
                            + hint().teleform("import " + address) + "' or give the stack's resource another name");
                }
                return;
            }
            if (options.replaces().contains(address)) {
                replace(wanted, applied.get(), result.changes());
                return;
            }
            if (applied.get().invitePending()) {
                inviteUnlessPasswordSet(wanted, liveDocument);
            }
            if (result.inSync()) {
                unchanged++;
                return;
            }
            if (wanted.kind() == ResourceKind.WORKLOAD_CLUSTER) {
                refuse(wanted.source().at(result.changes().getFirst().pointer()), address + ": Teleport Cloud rejects any change to an existing workload "
                        + "cluster (" + fields(result.changes()) + "). To change it, declare a new workload cluster "
                        + "under a new name, move its roles and users there (cluster: <new name>), apply, then remove "
                        + "this one");
                return;
            }
            act(new Action.Update(address, wanted.document(), result.changes(), wanted.sensitive()));
        }

        /**
         * {@code --replace}: a delete then a create, so it needs what a delete needs: an identity that may
         * delete, and for a role, no user that still holds it (Teleport refuses to delete a role in use).
         */
        private void replace(Resource wanted, ResourceState applied, List<FieldChange> changes) {
            Address address = wanted.address();
            if (wanted.kind() == ResourceKind.WORKLOAD_CLUSTER) {
                refuse(wanted.source().start(), "--replace " + address + ": only roles and users can be replaced; "
                        + "a workload cluster is created under a new name instead");
                return;
            }
            if (wanted.lifecycle().preventDestroy() || applied.preventDestroy()) {
                refuse(wanted.source().start(), "--replace " + address + " deletes it first, and it has "
                        + "lifecycle.prevent_destroy: Teleform will not delete it. To replace it, set prevent_destroy: "
                        + "false and apply first");
                return;
            }
            Optional<String> teleports = ownedByTeleport(address);
            if (teleports.isPresent()) {
                refuse(wanted.source().start(), "--replace " + address + " deletes it first, and it is "
                        + teleports.get() + ": only Teleport may delete it");
                return;
            }
            if (!address.inParentCluster() && !mayDelete(address)) {
                LiveSnapshot.ClusterView cluster = live.cluster(address.cluster()).orElseThrow();
                refuse(wanted.source().start(), "--replace " + address + " deletes it first, and the identity used for "
                        + "workload cluster " + address.cluster() + " (" + cluster.identity() + ") may not delete "
                        + wanted.kind().kind() + "s; set spec.clusters." + address.cluster() + ".identity_file to an "
                        + "identity that may delete");
                return;
            }
            List<String> holders = stack.resources().stream()
                    .filter(r -> r.kind() == ResourceKind.USER && r.cluster().equals(address.cluster()))
                    .filter(r -> wanted.kind() == ResourceKind.ROLE && holdsRole(r, address.name()))
                    .map(r -> r.address().toString()).toList();
            if (!holders.isEmpty()) {
                refuse(wanted.source().start(), "--replace " + address + " deletes it first, and Teleport refuses to "
                        + "delete a role that users hold (" + String.join(", ", holders) + "); change the role in "
                        + "place instead");
                return;
            }
            act(new Action.Replace(address, wanted.document(), changes, wanted.sensitive()));
            inviteNew(wanted); // the new user has no password
        }

        private boolean mayDelete(Address address) {
            ResourceKind kind = address.kind();
            return live.cluster(address.cluster()).map(c -> c.verbs(kind).contains(Verb.DELETE)).orElse(false);
        }

        private static boolean holdsRole(Resource user, String role) {
            for (var held : user.document().path("spec").path("roles")) {
                if (role.equals(held.asString(""))) {
                    return true;
                }
            }
            return false;
        }

        /** A create, and for a new user with invites on, its invite. */
        private void create(Resource wanted) {
            act(new Action.Create(wanted.address(), wanted.document(), wanted.sensitive()));
            inviteNew(wanted);
        }

        /**
         * The invite of a user this plan creates, made with it ({@code tctl users add}), if the provider can
         * issue a link that long.
         */
        private void inviteNew(Resource wanted) {
            if (wanted.kind() != ResourceKind.USER || !wanted.invite().enabled()) {
                return;
            }
            if (wanted.invite().ttl().compareTo(links.invite()) > 0) {
                refuse(wanted.source().at("/invite/ttl"), wanted.address() + ": invite.ttl "
                        + GoDuration.format(wanted.invite().ttl()) + " is longer than the " + stack.settings().provider()
                        + " provider can issue (" + GoDuration.format(links.invite()) + "); set invite.ttl to "
                        + GoDuration.format(links.invite()) + " or less");
                return;
            }
            act(new Action.Invite(wanted.address(), wanted.invite().ttl()));
        }

        /**
         * The invite still owed to a user that exists: tctl can only make a reset link for it, which lasts at
         * most {@link LinkLimits#reset()}. A longer {@code invite.ttl} is shortened to that, and the plan says so,
         * rather than refusing a stack that is valid for the users it creates.
         */
        private void inviteExisting(Resource wanted) {
            if (wanted.kind() != ResourceKind.USER || !wanted.invite().enabled()) {
                return;
            }
            Duration ttl = wanted.invite().ttl();
            if (ttl.compareTo(links.reset()) > 0) {
                note(Diagnostic.warning(wanted.source().at("/invite/ttl"), "invite.ttl", wanted.address()
                        + " exists already, and the only link Teleport makes for an existing user is a reset link, "
                        + "valid at most " + GoDuration.format(links.reset()) + ": its link will be valid "
                        + GoDuration.format(links.reset()) + ", not " + GoDuration.format(ttl)));
                ttl = links.reset();
            }
            act(new Action.Invite(wanted.address(), ttl));
        }

        /**
         * A user who may have credentials ({@link PasswordState}) never gets a link: in Teleport a reset deletes the password, every
         * MFA device and the user's other tokens. A plan that did not read the workload clusters cannot tell, and
         * shows the invite state still owes: such a plan is never applied, and the apply's own plan, which reads the
         * user, makes the link only if the user still has no credentials (else the reviewed invite is one it no
         * longer needs).
         */
        private void inviteUnlessPasswordSet(Resource wanted, ObjectNode liveUser) {
            if (!options.readWorkloadClusters() || !PasswordState.mayHaveCredentials(liveUser)) {
                inviteExisting(wanted);
            }
        }

        /** A resource in state that the stack no longer declares (or every resource in state, for --destroy). */
        void remove(Address address, Optional<ResourceState> applied, Optional<Resource> declared) {
            deciding = address;
            if (options.mode() == PlanMode.REFRESH_ONLY) {
                return;
            }
            // only when a message needs it: a declared resource's position reads its file again
            Supplier<SourcePosition> where = () -> declared.map(r -> r.source().start())
                    .orElse(SourcePosition.wholeFile(stack.dir()));
            if (!address.inParentCluster() && clusterDeleted(address.cluster())) {
                return; // dropped with its workload cluster, which checks its protection: no call, state forgets it
            }
            if (isProtected(applied, declared)) {
                refuse(where.get(), address + " has lifecycle.prevent_destroy: Teleform will not delete it. To delete it, set "
                        + "prevent_destroy: false and apply first; to stop managing it without deleting, run '"
                        + hint().teleform("state rm " + address) + "'");
                return;
            }
            Optional<String> teleports = ownedByTeleport(address);
            if (teleports.isPresent()) {
                act(new Action.Forget(address, teleports.get() + ": only Teleport may delete it; state forgets "
                        + "it and Teleport keeps it"));
                return;
            }
            List<Address> contents = contentsOf(address);
            if (address.kind() == ResourceKind.WORKLOAD_CLUSTER) {
                List<Address> guarded = contents.stream().filter(inside -> isProtected(state.get(inside),
                        declaredOf(inside))).toList();
                if (!guarded.isEmpty()) {
                    guarded.forEach(inside -> refuse(where.get(), inside + " has lifecycle.prevent_destroy, and deleting "
                            + address + " would delete it with the cluster: Teleform will not delete either. Set "
                            + "prevent_destroy: false on it and apply first, or stop managing it with '"
                            + hint().teleform("state rm " + inside) + "'"));
                    return;
                }
            }
            if (!readable(address)) {
                if (clusterGone(address)) {
                    act(new Action.Delete(address, true, contents)); // it went with its cluster
                } else {
                    unknown.add(address); // whether it may be deleted is known once its cluster is active
                }
                return;
            }
            if (live.get(address).isEmpty()) {
                act(new Action.Delete(address, true, contents));
                return;
            }
            if (!address.inParentCluster() && !mayDelete(address)) {
                LiveSnapshot.ClusterView cluster = live.cluster(address.cluster()).orElseThrow();
                ResourceKind kind = address.kind();
                refuse(where.get(), address + ": the identity used for workload cluster " + address.cluster() + " ("
                        + cluster.identity() + ") may not delete " + kind.kind() + "s. Either stop managing it "
                        + "without deleting it ('" + hint().teleform("state rm " + address) + "'), or set spec.clusters."
                        + address.cluster() + ".identity_file to an identity that may delete");
                return;
            }
            // With --allow-destroy the plan says so at its top; without, the reader learns how to allow it.
            if (address.kind() == ResourceKind.WORKLOAD_CLUSTER && !options.allowDestroy()) {
                note(Diagnostic.warning(where.get(), "", address + " will be deleted, which needs --allow-destroy: "
                        + "give it to apply, or to plan when saving the plan ("
                        + hint().teleform("plan", "--allow-destroy --out FILE") + "). "
                        + "It stays suspended and " + GracePeriod.RESTORABLE));
            }
            act(new Action.Delete(address, false, contents));
        }

        private static boolean isProtected(Optional<ResourceState> applied, Optional<Resource> declared) {
            return applied.map(ResourceState::preventDestroy).orElse(false)
                    || declared.map(r -> r.lifecycle().preventDestroy()).orElse(false);
        }

        Optional<Resource> declaredOf(Address address) {
            return Optional.ofNullable(declarations.get(address));
        }

        /** Why only Teleport may delete it (a preset, a bot's own), judged by name and, when read, its labels. */
        private Optional<String> ownedByTeleport(Address address) {
            return TeleportPresets.ownedByTeleport(address.kind(), address.name(),
                    live.get(address).map(r -> (JsonNode) r.document()).orElse(MissingNode.getInstance()));
        }

        /** What a deleted workload cluster takes with it: everything managed inside it. */
        private List<Address> contentsOf(Address address) {
            if (address.kind() != ResourceKind.WORKLOAD_CLUSTER) {
                return List.of();
            }
            return managed.stream().filter(a -> a.cluster().equals(address.name())).toList();
        }

        /** Whether the resource's cluster could be read, so live knowledge of it is complete. */
        private boolean readable(Address address) {
            return address.inParentCluster() || live.cluster(address.cluster()).map(LiveSnapshot.ClusterView::read)
                    .orElse(false);
        }

        /** The resource's workload cluster is not live at all (deleted outside Teleform, or not made yet). */
        private boolean clusterGone(Address address) {
            return !address.inParentCluster() && live.cluster(address.cluster()).map(c -> !c.exists()).orElse(true);
        }

        /** A workload cluster the stack no longer declares is deleted, and takes its contents with it. */
        private boolean clusterDeleted(String cluster) {
            Address clusterAddress = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, cluster);
            return options.mode() == PlanMode.DESTROY || !declarations.containsKey(clusterAddress);
        }

        /** An action: the plan keeps its live document. */
        private void act(Action action) {
            live.keep(action.address());
            actions.add(action);
        }

        /** Drift: the plan keeps its live document, which {@code apply --refresh-only} takes into state. */
        private void report(Drift found) {
            live.keep(found.address());
            drift.add(found);
        }

        private void refuse(SourcePosition where, String message) {
            note(Diagnostic.error(where, "", message));
        }

        private void note(Diagnostic problem) {
            problems.add(problem);
            problemsAbout.put(problem, deciding);
        }

        /** The problems of resources {@code --exclude} does not leave out. */
        List<Diagnostic> problemsOutside(PlanGraph graph) {
            return problems.stream().filter(problem -> !problemsAbout.containsKey(problem)
                    || !graph.excludes(problemsAbout.get(problem))).toList();
        }
    }

    private static String fields(List<FieldChange> changes) {
        return String.join(", ", changes.stream().map(FieldChange::field).toList());
    }
}
