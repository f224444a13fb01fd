package dev.teleform.cli.contract;

import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.cli.TeleformCli;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.operation.access.AccessSettings;
import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.operation.apply.ApplyExecutor;
import dev.teleform.engine.operation.hook.ApplyResult;
import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.operation.PlanOperation;
import dev.teleform.engine.operation.Workspace;
import dev.teleform.engine.planfile.PlanFile;
import dev.teleform.engine.planfile.PlanFileCodec;
import dev.teleform.engine.planfile.StackLocation;
import dev.teleform.engine.planfile.SensitiveValues;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.operation.hook.Invitation;
import dev.teleform.engine.provider.PasswordState;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.Providers;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.ProviderConfigs;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateCodec;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one scenario against the simulator in this JVM, as a user would live it: edits of the stack,
 * changes made by hand in Teleport, and plan, apply (under faults, perhaps dying midway) and plan again.
 * After every apply it checks the safety contract, invariants I1 to I7, and stops at the first
 * violation, which it returns.
 */
final class ContractRun {

    /** A broken invariant. */
    static final class Violation extends Exception {
        Violation(String message) {
            super(message);
        }
    }

    private static final RetryPolicy QUICK_RETRIES = new RetryPolicy(6, Duration.ZERO, 1.0, Duration.ZERO);
    private static final String STACK_NAME = "contract";

    private final Scenario scenario;
    private final Path dir;
    private final Map<String, String> identityFiles = new HashMap<>();
    /** Cluster names deleted by hand: Teleport Cloud keeps them in the restore window. */
    private final Set<String> burned = new HashSet<>();
    /** Users Teleform made (or adopted) wanting an invite, whose link has not been delivered since. */
    private final Set<Address> owed = new HashSet<>();
    /** Users whose link was delivered during the apply under way. */
    private final Set<Address> deliveredNow = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private List<String> lastFailures = List.of();
    /** The sensitive variable's value, and every value it has had (none may reach state, plans or output). */
    private String secret;
    private final List<String> secrets = new ArrayList<>();
    /** Every invite link delivered, to prove none reaches state, plans or output. */
    private final List<Invitation> links = Collections.synchronizedList(new ArrayList<>());
    private StackModel stack;
    /** The last stack that applied (what a user goes back to when a plan is refused). */
    private StackModel applied;

    ContractRun(Scenario scenario, Path dir) {
        this.scenario = scenario;
        this.dir = dir;
        this.stack = scenario.initial();
        this.applied = scenario.initial();
        rotateSecret();
    }

    private void rotateSecret() {
        secret = "s3cr3t-" + scenario.seed() + "-" + secrets.size();
        secrets.add(secret);
    }

    void run() throws Violation {
        for (Step step : scenario.steps()) {
            if (step instanceof Step.Destroy) {
                // Destroyed clusters stay in the restore window: nothing can follow.
                applyOnce(Step.Apply.CLEAN, PlanMode.DESTROY);
                return;
            }
            if (Edits.isEdit(step)) {
                stack = Edits.apply(stack, step);
            } else if (step instanceof Step.Apply apply) {
                applyAndCheck(apply);
            } else {
                byHand(step);
            }
        }
        // Whatever happened, a clean apply with somewhere to deliver links converges.
        Outcome last = applyAndCheck(Step.Apply.CLEAN);
        if (last == Outcome.DONE && !owed.isEmpty()) {
            throw new Violation("I6: invites neither delivered nor pending after a clean apply: " + owed);
        }
    }

    enum Outcome { DONE, FAILED, REFUSED, CRASHED }

    /** How applies ended across all scenarios of this JVM, so a run shows what it exercised. */
    static final Map<Outcome, java.util.concurrent.atomic.AtomicInteger> OUTCOMES = new java.util.concurrent.ConcurrentHashMap<>();

    /** An apply; after a crash, the re-run a user would make, which must converge. */
    private Outcome applyAndCheck(Step.Apply apply) throws Violation {
        Outcome outcome = applyOnce(apply, PlanMode.NORMAL);
        if (outcome == Outcome.CRASHED) {
            outcome = applyOnce(new Step.Apply(0, "", 0, "", 0, 0, true, apply.eager(), -1), PlanMode.NORMAL);
            if (outcome == Outcome.FAILED || outcome == Outcome.REFUSED) {
                throw new Violation("I5: the re-run after a crash did not converge (" + outcome + ")");
            }
        }
        if (outcome == Outcome.FAILED && !apply.faulty()) {
            throw new Violation("I5: an apply without faults failed: " + lastFailures);
        }
        return outcome;
    }

    private Outcome applyOnce(Step.Apply apply, PlanMode mode) throws Violation {
        Outcome outcome = applyOnceUncounted(apply, mode);
        OUTCOMES.computeIfAbsent(outcome, o -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        return outcome;
    }

    private Outcome applyOnceUncounted(Step.Apply apply, PlanMode mode) throws Violation {
        writeStack();
        Stack loaded = load();
        List<Address> declaredInOrder = loaded.resources().stream().map(Resource::address).sorted().toList();
        Set<Address> excludes = apply.exclude() < 0 || declaredInOrder.isEmpty() ? Set.of()
                : Set.of(declaredInOrder.get(apply.exclude() % declaredInOrder.size()));
        PlanOptions options = new PlanOptions(mode, Set.of(), Set.of(), excludes);
        ProviderConfig config = ProviderConfigs.of(loaded, InstantSource.system());
        StateStore store = new GitStateStore(dir.resolve(loaded.settings().state().repo()),
                loaded.settings().state().branch(), loaded.settings().state().file(), STACK_NAME, InstantSource.system());
        try (Provider provider = Providers.factory("simulator").get().open(config)) {
            Workspace workspace = new Workspace(loaded, store, config, null);
            PlanOperation.Result planned = plan(workspace, provider, options);
            Plan plan = planned.plan();
            State before = planned.state();
            Map<Address, ObjectNode> liveBefore = live();
            checkNoSecrets("the plan file", planFile(loaded, planned));
            if (plan.problems().hasErrors()) {
                stack = applied; // the reviewer sends the pull request back; main stays as it was
                return Outcome.REFUSED;
            }
            // Applied as `apply PLANFILE` applies it: the saved file read back, sensitive values from the stack.
            Map<Address, Resource> desired = new TreeMap<>();
            loaded.resources().forEach(r -> desired.put(r.address(), r));
            plan = PlanFileCodec.read(planFile(loaded, planned).getBytes(StandardCharsets.UTF_8),
                            location -> io.vavr.control.Either.right(java.nio.file.Path.of(location.path())))
                    .flatMap(file -> SensitiveValues.restore(file.plan(), desired, CommandHint.HERE))
                    .getOrElseThrow(message -> new IllegalStateException("the plan file does not read back: " + message));
            synchronized (owed) {
                plan.steps().stream().filter(step -> step.action() instanceof Action.Invite)
                        .forEach(step -> owed.add(step.action().address()));
            }
            faults(apply);
            Observed observed = new Observed(provider, apply.crashAt(), scenario.writesTogether());
            StringWriter output = new StringWriter();
            InviteDelivery delivery = apply.deliver() ? delivery() : InviteDelivery.NOWHERE;
            deliveredNow.clear();
            Transcript transcript = new Transcript(new PrintWriter(output));
            ApplyResult result = new ApplyExecutor(observed, transcript, InstantSource.system(), duration -> { },
                    new ApplyExecutor.Settings(4, 16, Duration.ofSeconds(30), QUICK_RETRIES,
                            AccessSettings.of(config), true, apply.eager() ? Duration.ZERO : Duration.ofSeconds(1),
                            loaded.redaction()),
                    delivery).run(plan, desired, observed.store(store), new StateStore.Snapshot(before,
                            planned.stateVersion()));
            if (!apply.faultCommands(scenario.seed()).isEmpty()) {
                sim("faults", "--clear");
            }
            Map<Address, ObjectNode> liveAfter = live();
            State after = store.read().get().state();
            Invariants.writesArePlanned(plan, observed.writes(), transcript.finished, before, loaded);
            Invariants.excludedUntouched(plan, excludes, observed.writes());
            Invariants.untouchedOutsideTheStack(plan, liveBefore, liveAfter, loaded, before);
            Invariants.unsetFieldsKeepLiveValues(plan, liveBefore, liveAfter, loaded, before);
            Invariants.protectedSurvive(plan, observed.writes(), liveBefore, liveAfter, before, loaded);
            if (mode == PlanMode.DESTROY) {
                Invariants.destroyDeletesOnlyState(observed.writes(), before);
            }
            checkNoSecrets("state", StateCodec.write(after));
            checkNoSecrets("apply output", output.toString());
            oweForCreates(observed.writes(), loaded);
            settleInvites(loaded, liveAfter);
            lastFailures = result.failureMessages();
            if (observed.crashed()) {
                return Outcome.CRASHED;
            }
            checkInvitesDeliveredOrPending(after, delivery.available());
            if (!result.succeeded()) {
                return Outcome.FAILED;
            }
            applied = stack;
            Plan next = plan(workspace, provider, options).plan();
            // With nowhere to deliver, invites stay pending, and so do the creates of the users who get them:
            // Teleport makes a new user together with its link.
            Set<Address> invitedNext = next.steps().stream().filter(s -> s.action() instanceof Action.Invite)
                    .map(s -> s.action().address()).collect(java.util.stream.Collectors.toSet());
            boolean onlyPendingInvites = next.steps().stream().allMatch(s -> s.action() instanceof Action.Invite
                    || s.action() instanceof Action.Bootstrap || s.action() instanceof Action.Wait
                    || s.action() instanceof Action.Create create && invitedNext.contains(create.address()));
            if (!next.inSync() && !(onlyPendingInvites && !delivery.available() && next.unknown().isEmpty())) {
                throw new Violation("I5: after a successful apply the next plan is not empty:\n"
                        + new dev.teleform.engine.render.TextPlanRenderer(false).render(next));
            }
            return Outcome.DONE;
        }
    }

    // ---- the scenario's world

    private void writeStack() {
        issueIdentities();
        try {
            Files.createDirectories(dir);
            Map<String, String> files = stack.files(STACK_NAME, identityFiles, scenario.botsMayNotList());
            for (var file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
            if (!files.containsKey("resources.yaml")) {
                Files.deleteIfExists(dir.resolve("resources.yaml"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stack load() throws Violation {
        StackResult result = new StackReader(LoadOptions.defaults()
                .withEnv(name -> name.equals(StackModel.SECRET) ? secret : null)).read(dir);
        if (!(result instanceof StackResult.Valid valid)) {
            throw new Violation("the generated stack is not valid:\n" + result.diagnostics().format(dir));
        }
        return valid.stack();
    }

    private Map<Address, ObjectNode> live() {
        return live(dir);
    }

    /** Every role, user and workload cluster the simulator of the stack in {@code dir} holds, read from its files. */
    static Map<Address, ObjectNode> live(Path dir) {
        Map<Address, ObjectNode> out = new TreeMap<>();
        Path clusters = dir.resolve(".teleform/sim/clusters");
        if (!Files.isDirectory(clusters)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(clusters, 3)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                var kind = ResourceKind.of(file.getParent().getFileName().toString());
                if (kind.isEmpty()) {
                    continue;
                }
                String cluster = file.getParent().getParent().getFileName().toString();
                String name = URLDecoder.decode(file.getFileName().toString().replaceFirst("\\.json$", ""),
                        StandardCharsets.UTF_8);
                out.put(Address.in(kind.get(), name, cluster.equals("_parent") ? "" : cluster),
                        (ObjectNode) CanonicalJson.mapper().readTree(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private String sim(String... args) {
        List<String> full = new ArrayList<>(List.of("sim", "-C", dir.toString()));
        full.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TeleformCli.run(full.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err),
                name -> name.equals(StackModel.SECRET) ? secret : null);
        if (exit != 0) {
            throw new IllegalStateException("teleform " + String.join(" ", full) + " failed: " + err);
        }
        return out.toString();
    }

    private void faults(Step.Apply apply) {
        for (List<String> command : apply.faultCommands(scenario.seed())) {
            List<String> args = new ArrayList<>(List.of("faults"));
            args.addAll(command);
            sim(args.toArray(String[]::new));
        }
    }

    /** Someone changes Teleport by hand. Steps about what does not exist (yet) do nothing. */
    private void byHand(Step step) throws Violation {
        Map<Address, ObjectNode> live = live();
        List<Address> roles = managed(live, "role");
        List<Address> users = managed(live, "user");
        switch (step) {
            case Step.EditManaged s -> pick(roles, s.index()).ifPresent(a ->
                    sim("edit", a.toString(), "--set", "spec.allow.logins=[byhand]"));
            case Step.EditUnmanaged s -> {
                if (s.user()) {
                    pick(users, s.index()).ifPresent(a ->
                            sim("edit", a.toString(), "--set", "spec.traits={\"logins\":[\"byhand\"]}"));
                } else {
                    pick(roles, s.index()).ifPresent(a ->
                            sim("edit", a.toString(), "--set", "spec.allow.kubernetes_groups=[byhand]"));
                }
            }
            case Step.DeleteByHand s -> pick(s.user() ? users : roles, s.index()).ifPresent(a -> {
                String holders = s.user() ? "" : users.stream().filter(u -> u.cluster().equals(a.cluster()))
                        .filter(u -> live.get(u).path("spec").path("roles").toString().contains("\"" + a.name() + "\""))
                        .findAny().map(Address::toString).orElse("");
                if (holders.isEmpty()) { // Teleport refuses to delete a role in use
                    sim("delete", a.toString());
                }
            });
            case Step.HandMade s -> handMade(s, live);
            case Step.RotateSecret s -> rotateSecret();
            case Step.SetPassword s -> pick(users, s.index()).ifPresent(a -> {
                sim("edit", a.toString(), "--set", "status.password_state=PASSWORD_STATE_SET");
                owed.remove(a);
            });
            case Step.DeleteClusterByHand s -> {
                List<Address> clusters = managed(live, "workload_cluster");
                Optional<Address> cluster = pick(clusters, s.index());
                if (cluster.isPresent()) {
                    sim("delete", cluster.get().toString());
                    burned.add(cluster.get().name());
                    // The cluster cannot come back during Teleport Cloud's grace period: apply must fail
                    // with that reason and change nothing else that is wrong; then the stack lets it go.
                    Outcome refused = applyOnce(Step.Apply.CLEAN, PlanMode.NORMAL);
                    if (refused != Outcome.FAILED || lastFailures.stream().noneMatch(f -> f.contains("restore window"))) {
                        throw new Violation("re-creating " + cluster.get() + " by hand-deleted name did not fail naming "
                                + "the restore window: " + refused + " " + lastFailures);
                    }
                    stack = stack.withoutCluster(cluster.get().name());
                    applied = applied.withoutCluster(cluster.get().name()); // what a refused plan goes back to
                    owed.removeIf(a -> a.cluster().equals(cluster.get().name()));
                }
            }
            default -> throw new IllegalArgumentException("not a change by hand: " + step);
        }
    }

    /** What state and the stack both know: the resources Teleform manages that exist live. */
    private List<Address> managed(Map<Address, ObjectNode> live, String kind) {
        Set<Address> declared = stack.addresses();
        return live.keySet().stream().filter(a -> a.kind().equals(kind) && declared.contains(a)
                && !burned.contains(a.cluster())).sorted().toList();
    }

    private static Optional<Address> pick(List<Address> addresses, int index) {
        return addresses.isEmpty() ? Optional.empty() : Optional.of(addresses.get(index % addresses.size()));
    }

    private void handMade(Step.HandMade step, Map<Address, ObjectNode> live) {
        List<String> clusters = live.keySet().stream().filter(a -> a.kind() == ResourceKind.WORKLOAD_CLUSTER)
                .map(Address::name).filter(name -> !burned.contains(name)).sorted().toList();
        String cluster = step.where() < 0 || clusters.isEmpty() ? "" : clusters.get(step.where() % clusters.size());
        String name = step.name();
        if (step.namesake()) {
            Optional<Address> unapplied = stack.addresses().stream().filter(a -> a.kind() == ResourceKind.ROLE
                    && !live.containsKey(a) && (a.inParentCluster() || clusters.contains(a.cluster()))).findFirst();
            if (unapplied.isEmpty()) {
                return;
            }
            cluster = unapplied.get().cluster();
            name = unapplied.get().name();
        }
        ObjectNode role = CanonicalJson.mapper().createObjectNode().put("kind", "role").put("version", "v7");
        role.putObject("metadata").put("name", name);
        role.putObject("spec").putObject("allow").putArray("logins").add("byhand");
        Stack loaded;
        try {
            writeStack();
            loaded = load();
        } catch (Violation e) {
            throw new IllegalStateException(e);
        }
        String where = cluster;
        try (Provider provider = Providers.factory("simulator").get()
                .open(ProviderConfigs.of(loaded, InstantSource.system()))) {
            if (where.isEmpty()) {
                provider.create(ClusterTarget.parent(), role);
            } else {
                provider.bootstrap(ClusterTarget.parent(), where).forEach(held -> {
                    try (held) {
                        provider.create(ClusterTarget.child(held), role);
                    }
                });
            }
        }
    }

    // ---- invites (I6) and secrets (I7)

    private InviteDelivery delivery() {
        return new InviteDelivery() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Either<String, String> deliver(Invitation link) {
                links.add(link);
                synchronized (owed) {
                    owed.remove(link.user());
                    deliveredNow.add(link.user());
                }
                return Either.right("the contract test");
            }
        };
    }

    /**
     * After an apply: a link is owed to every user the plan invited and that still wants one (declared with
     * invites on, live, no password set), unless it was delivered (the delivery settles it as it happens).
     */
    private void settleInvites(Stack loaded, Map<Address, ObjectNode> liveAfter) {
        Map<Address, Resource> declared = new HashMap<>();
        loaded.resources().forEach(r -> declared.put(r.address(), r));
        synchronized (owed) {
            owed.removeIf(a -> !declared.containsKey(a) || !declared.get(a).invite().enabled()
                    || !liveAfter.containsKey(a) || PasswordState.mayHaveCredentials(liveAfter.get(a)));
        }
    }

    /**
     * Independently of the plan: a user Teleform created (a create call, whatever its answer) while the stack
     * wants it invited is owed a link, unless one was delivered after it in the same run.
     */
    private void oweForCreates(List<Observed.Write> writes, Stack loaded) {
        synchronized (owed) {
            for (Observed.Write write : writes) {
                boolean invited = loaded.resources().stream().anyMatch(r -> r.address().equals(write.address())
                        && r.invite().enabled());
                if (write.operation().equals("create") && write.address().kind() == ResourceKind.USER && invited
                        && !deliveredNow.contains(write.address())) {
                    owed.add(write.address());
                }
            }
        }
    }

    /** I6: a user owed a link whose link was not delivered is pending in state. */
    private void checkInvitesDeliveredOrPending(State state, boolean deliverable) throws Violation {
        for (Address address : Set.copyOf(owed)) {
            Optional<ResourceState> entry = state.get(address);
            if (entry.isEmpty() || !entry.get().invitePending()) {
                throw new Violation("I6: " + address + " was made wanting an invite, yet no link was delivered"
                        + (deliverable ? "" : " (nowhere to deliver)") + " and state does not mark it pending");
            }
        }
    }

    /** I7: no invite token and no identity bytes. */
    private void checkNoSecrets(String where, String text) throws Violation {
        for (Invitation link : List.copyOf(links)) {
            String url = link.url().toString();
            String token = url.substring(url.lastIndexOf('/') + 1);
            if (text.contains(token)) {
                throw new Violation("I7: an invite token reached " + where);
            }
        }
        for (String value : secrets) {
            if (text.contains(value)) {
                throw new Violation("I7: a sensitive value reached " + where);
            }
        }
        if (text.contains("/web/invite/") || text.contains("/web/reset/") || text.contains("BEGIN")) {
            throw new Violation("I7: a link or key material reached " + where);
        }
        for (String file : identityFiles.values()) {
            Path path = dir.resolve(file);
            if (Files.exists(path)) {
                try {
                    String identity = Files.readString(path);
                    String sample = identity.length() > 80 ? identity.substring(40, 80) : identity;
                    if (!sample.isBlank() && text.contains(sample)) {
                        throw new Violation("I7: identity bytes reached " + where);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static PlanOperation.Result plan(Workspace workspace, Provider provider, PlanOptions options) {
        return switch (PlanOperation.run(workspace, provider, options, 4)) {
            case dev.teleform.engine.operation.Outcome.Done<PlanOperation.Result> done -> done.value();
            case dev.teleform.engine.operation.Outcome.Failed<PlanOperation.Result> failed ->
                    throw new IllegalStateException("plan failed: " + failed.diagnostics().format(dir()));
        };
    }

    private static java.nio.file.Path dir() {
        return java.nio.file.Path.of("").toAbsolutePath();
    }

    private static String planFile(Stack stack, PlanOperation.Result planned) {
        return PlanFileCodec.write(new PlanFile(stack.settings().name(), stack.dir(), stack.digest(),
                planned.state().lineage(), planned.state().serial(), planned.stateVersion(), "simulator", "",
                List.of(), List.of(), planned.plan()), new StackLocation(StackLocation.Base.ABSOLUTE,
                        stack.dir().toAbsolutePath().toString()));
    }

    /**
     * Issues an identity that may delete for each cluster the stack grants one, once the cluster is live
     * (as an administrator would with {@code tctl auth sign}); until then the stack names none for it.
     */
    private void issueIdentities() {
        for (String cluster : stack.admin()) {
            String name = "ids/" + cluster + ".identity";
            Path file = dir.resolve(name);
            if (!identityFiles.containsKey(cluster) && live().containsKey(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, cluster))) {
                try {
                    Files.createDirectories(file.getParent());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sim("identity", cluster, "--roles", "editor", "--out", file.toString());
                identityFiles.put(cluster, name);
            }
        }
        identityFiles.keySet().removeIf(cluster -> !stack.admin().contains(cluster));
    }

    /** Apply's events as text, to prove that no secret reaches them. */
    private static final class Transcript implements ApplyEvents {
        private final PrintWriter out;
        private final Set<String> finished = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Transcript(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void started(PlanStep step) {
            out.println("started " + step.id());
        }

        @Override
        public void waiting(PlanStep step, Duration elapsed, String state) {
            out.println("waiting " + step.id() + " " + state);
        }

        @Override
        public void retrying(PlanStep step, int attempt, Duration after, String reason) {
            out.println("retrying " + step.id() + " " + reason);
        }

        @Override
        public void finished(PlanStep step, Duration took) {
            finished.add(step.id());
            out.println("finished " + step.id());
        }

        @Override
        public void deferred(PlanStep step, String why) {
            out.println("deferred " + step.id() + " " + why);
        }

        @Override
        public void failed(PlanStep step, String reason) {
            out.println("failed " + step.id() + " " + reason);
        }

        @Override
        public void skipped(PlanStep step, String because) {
            out.println("skipped " + step.id() + " " + because);
        }

        @Override
        public void invited(Invitation link) {
            out.println("invited " + link);
        }
    }
}
