package dev.teleform.engine.operation.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.operation.access.AccessSettings;
import dev.teleform.engine.operation.hook.ApplyResult;
import dev.teleform.engine.operation.hook.Invitation;
import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.FieldChange;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.testing.QuietEvents;
import dev.teleform.engine.testing.RecordingDelivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract of creates made together, on generated plans: whatever Teleport refuses, fails transiently or already
 * holds, an apply through a provider that writes together ends exactly as one that writes one by one does: the same
 * steps done, failed (with the same errors) and skipped, the same state, the same resources in Teleport and the same
 * links handed over. Only the number of calls differs.
 */
class WriteTogetherModelTest {

    private static final int CASES = Integer.getInteger("teleform.model.cases", 60);

    @TempDir
    Path dir;

    @Test
    void togetherEndsAsOneByOneDoes() throws Exception {
        long seed = Long.getLong("teleform.model.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int n = 0; n < CASES; n++) {
            Scenario scenario = Scenario.generate(random);
            Outcome oneByOne = run(scenario, false, n);
            Outcome together = run(scenario, true, n);
            assertEquals(oneByOne, together, "case " + n + " of seed " + seed + " (-Dteleform.model.seed=" + seed
                    + "): " + scenario);
        }
    }

    /** What an apply ended with that does not depend on how it called Teleport. */
    private record Outcome(Map<String, Integer> done, List<String> failures, int skipped, Map<String, String> state,
            Map<String, Map<String, ObjectNode>> world, List<String> delivered) {}

    private Outcome run(Scenario scenario, boolean together, int n) throws Exception {
        TogetherProvider provider = new TogetherProvider(together);
        scenario.faults().accept(provider);
        Path state = Files.createDirectories(dir.resolve(n + "-" + together));
        StateStore store = new GitStateStore(state.resolve("state.git"), "main", "state.json", "model",
                InstantSource.system());
        List<Invitation> delivered = new CopyOnWriteArrayList<>();
        InviteDelivery delivery = RecordingDelivery.into(delivered);
        ApplyResult result = new ApplyExecutor(provider, new QuietEvents(), InstantSource.system(), duration -> { },
                new ApplyExecutor.Settings(3, 8, Duration.ofMinutes(1), RetryPolicy.DEFAULT, AccessSettings.BOTS, false,
                        Duration.ofHours(1), Redaction.NONE), delivery)
                .run(new Plan(PlanMode.NORMAL, scenario.steps(), List.of(), Diagnostics.NONE, 0), Map.of(), store,
                        store.read().get());
        Map<String, String> recorded = new TreeMap<>();
        result.state().resources().forEach((address, entry) -> recorded.put(address.toString(),
                entry.applied() + " " + entry.observed() + " pending=" + entry.invitePending()));
        return new Outcome(result.done(), result.failureMessages().stream().sorted().toList(), result.skipped(),
                recorded, provider.world(), delivered.stream().map(invitation -> invitation.user().toString())
                        .sorted().toList());
    }

    /** A plan of new roles and users in a few workload clusters, and what Teleport does to their writes. */
    private record Scenario(List<PlanStep> steps, Consumer<TogetherProvider> faults, String described) {

        static Scenario generate(Random random) {
            List<PlanStep> steps = new ArrayList<>();
            List<Consumer<TogetherProvider>> faults = new ArrayList<>();
            StringBuilder described = new StringBuilder();
            for (int c = 0, clusters = 1 + random.nextInt(2); c < clusters; c++) {
                String cluster = "c" + c;
                String join = "bootstrap " + Address.inParent(ResourceKind.WORKLOAD_CLUSTER, cluster);
                steps.add(new PlanStep(join, new Action.Bootstrap(Address.inParent(ResourceKind.WORKLOAD_CLUSTER,
                        cluster)), List.of()));
                int roles = 1 + random.nextInt(4);
                List<String> roleSteps = new ArrayList<>();
                for (int r = 0; r < roles; r++) {
                    ObjectNode role = document(ResourceKind.ROLE, "r" + r);
                    role.putObject("spec").putObject("allow").putArray("logins").add("l" + r);
                    Address address = Address.in(ResourceKind.ROLE, "r" + r, cluster);
                    roleSteps.add(write(random, steps, faults, described, cluster, address, role, join, List.of(join)));
                }
                for (int u = 0, users = random.nextInt(5); u < users; u++) {
                    int r = random.nextInt(roles);
                    ObjectNode user = document(ResourceKind.USER, "u" + u);
                    user.putObject("spec").putArray("roles").add("r" + r);
                    if (random.nextBoolean()) {
                        user.withObjectProperty("spec").putObject("traits").putArray("logins").add("u" + u);
                    }
                    Address address = Address.in(ResourceKind.USER, "u" + u, cluster);
                    String id = write(random, steps, faults, described, cluster, address, user, join,
                            List.of(join, roleSteps.get(r)));
                    if (id.startsWith("create ") && random.nextBoolean()) {
                        steps.add(new PlanStep("invite " + address, new Action.Invite(address, Duration.ofHours(2)),
                                List.of(id)));
                        if (random.nextInt(5) == 0) {
                            String ref = "user/u" + u;
                            faults.add(provider -> provider.restRefused.add(ref));
                            described.append(" rest of ").append(ref).append('@').append(cluster).append(" refused;");
                        }
                    }
                }
            }
            return new Scenario(List.copyOf(steps), provider -> faults.forEach(fault -> fault.accept(provider)),
                    described.toString());
        }

        /**
         * Adds the step that writes {@code document}: a create, or now and then an update of one that exists (and
         * now and then does not exist after all) with a field it does not set; the step's id.
         */
        private static String write(Random random, List<PlanStep> steps, List<Consumer<TogetherProvider>> faults,
                StringBuilder described, String cluster, Address address, ObjectNode document, String join,
                List<String> dependsOn) {
            if (random.nextInt(4) > 0) {
                steps.add(new PlanStep("create " + address, new Action.Create(address, document, SensitiveFields.NONE),
                        dependsOn));
                fault(random, cluster, document, faults, described, true);
                return "create " + address;
            }
            ObjectNode live = document.deepCopy();
            live.withObjectProperty("metadata").putObject("labels").put("set", "elsewhere");
            live.withObjectProperty("spec").remove(List.of("allow", "traits"));
            if (random.nextInt(8) > 0) {
                faults.add(provider -> provider.put(cluster, live));
            } else {
                described.append(' ').append(address).append(" missing;");
            }
            String field = address.kind() == ResourceKind.ROLE ? "allow" : "traits";
            FieldChange change = new FieldChange("/spec/" + field, "spec." + field, Optional.empty(),
                    Optional.ofNullable(document.path("spec").get(field)), false);
            steps.add(new PlanStep("update " + address, new Action.Update(address, document, List.of(change),
                    SensitiveFields.NONE), dependsOn));
            fault(random, cluster, document, faults, described, false);
            return "update " + address;
        }

        /**
         * Now and then: refused, transiently failing (until retries succeed, or for good), and for a create already
         * there as wanted, or already there and different. Refusals and flakes name a document in every cluster: the test double keys
         * them by {@code kind/name}.
         */
        private static void fault(Random random, String cluster, ObjectNode document, List<Consumer<TogetherProvider>>
                faults, StringBuilder described, boolean created) {
            String ref = TogetherProvider.ref(document);
            switch (random.nextInt(created ? 12 : 8)) {
                case 0 -> {
                    faults.add(provider -> provider.refused.add(ref));
                    described.append(' ').append(ref).append(" refused;");
                }
                case 1 -> {
                    // Fewer times than a call is tried, or more than it is (one more than the attempts would differ:
                    // a write stopped after the first of a call has that failure as well as the next call's attempts).
                    int attempts = RetryPolicy.DEFAULT.maxAttempts();
                    int times = random.nextBoolean() ? 1 + random.nextInt(attempts - 1) : attempts + 1;
                    faults.add(provider -> provider.flaky.put(ref + "@" + cluster, times));
                    described.append(' ').append(ref).append('@').append(cluster).append(" fails ").append(times)
                            .append("x;");
                }
                case 2 -> {
                    faults.add(provider -> provider.put(cluster, document));
                    described.append(' ').append(ref).append('@').append(cluster).append(" already there;");
                }
                case 3 -> {
                    ObjectNode different = document.deepCopy();
                    different.withObjectProperty("metadata").putObject("labels").put("made", "elsewhere");
                    faults.add(provider -> provider.put(cluster, different));
                    described.append(' ').append(ref).append('@').append(cluster).append(" there, different;");
                }
                default -> { }
            }
        }

        private static ObjectNode document(ResourceKind kind, String name) {
            ObjectNode document = JsonNodeFactory.instance.objectNode().put("kind", kind.kind()).put("version",
                    kind == ResourceKind.ROLE ? "v7" : "v2");
            document.putObject("metadata").put("name", name);
            return document;
        }

        @Override
        public String toString() {
            return steps.stream().map(PlanStep::id).toList() + ";" + described;
        }
    }
}
