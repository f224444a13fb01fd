package dev.teleform.engine.planfile;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.AddressParse;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.Severity;
import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Drift;
import dev.teleform.engine.plan.Exclusion;
import dev.teleform.engine.plan.FieldChange;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.render.JsonPlanRenderer;
import dev.teleform.engine.resource.SensitiveFields;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes plan files as canonical JSON and reads them back, refusing versions it does not know. A saved
 * plan holds the placeholder where a sensitive value was ({@link SensitiveValues} puts the values back).
 */
public final class PlanFileCodec {

    static final String FORMAT = "teleform-plan";
    static final int VERSION = 1;
    /**
     * The version of a plan with sensitive values. A Teleform that reads only version 1 would send their
     * placeholders to Teleport, so it must refuse such a plan; a plan without them stays version 1.
     */
    static final int SENSITIVE_VERSION = 2;
    /**
     * The version of a plan made without reading the workload clusters ({@code --no-join-clusters}), sensitive values
     * or not. Apply refuses such a plan; a Teleform that reads only versions 1 and 2 would not know to, so it must
     * refuse the file. A plan that read them stays version 1 or 2, and a file without the field reads as one that did.
     */
    static final int UNREAD_CLUSTERS_VERSION = 3;

    private PlanFileCodec() {
    }

    /**
     * The plan file of {@code file}, naming its stack directory as {@code location} says (never the absolute path
     * of the machine that made it, unless {@code location} is one).
     */
    public static String write(PlanFile file, StackLocation location) {
        ObjectNode root = CanonicalJson.mapper().createObjectNode();
        ObjectNode plan = new JsonPlanRenderer(file.stackDir()).tree(file.plan(), file.stackName());
        root.put("format", FORMAT);
        root.put("version", !file.plan().workloadClustersRead() ? UNREAD_CLUSTERS_VERSION
                : hidesValues(plan) ? SENSITIVE_VERSION : VERSION);
        ObjectNode stack = root.putObject("stack").put("name", file.stackName()).put("dir", location.path());
        if (location.base() != StackLocation.Base.ABSOLUTE) {
            stack.put("dir_base", location.base().json());
        }
        stack.put("digest", file.stackDigest());
        ObjectNode state = root.putObject("state").put("lineage", file.stateLineage()).put("serial", file.stateSerial());
        file.stateVersion().ifPresent(version -> state.put("version", version));
        root.putObject("provider").put("name", file.provider()).put("target", file.providerTarget());
        var targets = root.putArray("targets");
        file.targets().forEach(a -> targets.add(a.toString()));
        var replaces = root.putArray("replaces");
        file.replaces().forEach(a -> replaces.add(a.toString()));
        root.set("plan", plan);
        return CanonicalJson.write(root);
    }

    private static boolean hidesValues(ObjectNode plan) {
        for (JsonNode step : plan.path("steps")) {
            if (step.has("sensitive")) {
                return true;
            }
            for (JsonNode change : step.path("changes")) {
                if (change.path("sensitive").asBoolean(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads a plan file; {@code locate} turns where it says its stack is into the directory on this machine, or
     * says why it cannot.
     */
    public static Either<String, PlanFile> read(byte[] bytes, Function<StackLocation, Either<String, Path>> locate) {
        JsonNode root;
        try {
            root = CanonicalJson.mapper().readTree(bytes);
        } catch (JacksonException e) {
            return Either.left("not a plan file: " + e.getOriginalMessage());
        }
        if (!FORMAT.equals(root.path("format").asString(""))) {
            return Either.left("not a Teleform plan file (made with: teleform plan --out FILE)");
        }
        int version = root.path("version").asInt(-1);
        if (version < VERSION || version > UNREAD_CLUSTERS_VERSION) {
            return Either.left("plan file version " + root.path("version") + " is not one this Teleform reads (it reads "
                    + VERSION + " to " + UNREAD_CLUSTERS_VERSION + "); plan again with this Teleform");
        }
        Either<String, Path> located;
        try {
            JsonNode stack = root.path("stack");
            // A plan file without a base is older than portable plan files, and holds an absolute path.
            located = locate.apply(new StackLocation(stack.has("dir_base")
                    ? StackLocation.Base.ofJson(stack.path("dir_base").asString("")) : StackLocation.Base.ABSOLUTE,
                    stack.path("dir").asString("")));
        } catch (IllegalArgumentException e) {
            return Either.left("plan file is damaged: " + e.getMessage());
        }
        if (located.isLeft()) {
            return Either.left(located.getLeft());
        }
        try {
            Path stackDir = located.get();
            Plan plan = plan(root.path("plan"), stackDir);
            return Either.right(new PlanFile(root.path("stack").path("name").asString(), stackDir,
                    root.path("stack").path("digest").asString(), root.path("state").path("lineage").asString(""),
                    root.path("state").path("serial").asLong(0),
                    Optional.ofNullable(root.path("state").path("version").asString(null)),
                    root.path("provider").path("name").asString(""), root.path("provider").path("target").asString(""),
                    addresses(root.path("targets")), addresses(root.path("replaces")), plan));
        } catch (IllegalArgumentException e) {
            return Either.left("plan file is damaged: " + e.getMessage());
        }
    }

    private static Plan plan(JsonNode plan, Path stackDir) {
        List<PlanStep> steps = new ArrayList<>();
        for (JsonNode step : plan.path("steps")) {
            List<String> deps = new ArrayList<>();
            step.path("depends_on").forEach(d -> deps.add(d.asString()));
            steps.add(new PlanStep(step.path("id").asString(), action(step), deps));
        }
        List<Drift> drift = new ArrayList<>();
        for (JsonNode d : plan.path("drift")) {
            drift.add(new Drift(address(d.path("address")), d.path("deleted").asBoolean(), changes(d.path("fields"),
                    "applied", "live")));
        }
        List<Diagnostic> problems = new ArrayList<>();
        for (JsonNode p : plan.path("problems")) {
            Severity severity = "error".equals(p.path("severity").asString()) ? Severity.ERROR : Severity.WARNING;
            JsonNode item = p.path("for_each");
            SourcePosition.Stamp stamp = item.isObject() ? new SourcePosition.Stamp(item.path("key").asString(""),
                    new SourcePosition(stackDir.resolve(item.path("file").asString()), item.path("line").asInt(),
                            item.path("column").asInt())) : null;
            problems.add(new Diagnostic(severity, new SourcePosition(stackDir.resolve(p.path("file").asString()),
                    p.path("line").asInt(), p.path("column").asInt(), stamp), p.path("field").asString(""),
                    p.path("message").asString()));
        }
        PlanMode mode = PlanMode.valueOf(plan.path("mode").asString("normal").replace('-', '_').toUpperCase(Locale.ROOT));
        List<Exclusion> excluded = new ArrayList<>();
        for (JsonNode exclusion : plan.path("excluded")) {
            excluded.add(new Exclusion(address(exclusion.path("address")), address(exclusion.path("because"))));
        }
        return new Plan(mode, steps, drift, Diagnostics.of(problems), plan.path("summary").path("unchanged").asInt(),
                addresses(plan.path("unknown")), excluded, plan.path("allow_destroy").asBoolean(false),
                plan.path("workload_clusters_read").asBoolean(true));
    }

    private static Action action(JsonNode step) {
        Address address = switch (Address.of(step.path("kind").asString(), step.path("name").asString(),
                step.path("cluster").asString(""))) {
            case AddressParse.Parsed parsed -> parsed.address();
            case AddressParse.Invalid invalid -> throw new IllegalArgumentException(invalid.message());
        };
        ObjectNode document = step.path("document") instanceof ObjectNode object ? object : null;
        List<String> pointers = new ArrayList<>();
        step.path("sensitive").forEach(pointer -> pointers.add(pointer.asString()));
        SensitiveFields sensitive = SensitiveFields.of(pointers);
        return switch (step.path("action").asString()) {
            case "create" -> new Action.Create(address, document, sensitive);
            case "adopt" -> new Action.Adopt(address, document, sensitive);
            case "update" -> new Action.Update(address, document, changes(step.path("changes"), "before", "after"),
                    sensitive);
            case "replace" -> new Action.Replace(address, document, changes(step.path("changes"), "before", "after"),
                    sensitive);
            case "delete" -> new Action.Delete(address, step.path("already_gone").asBoolean(),
                    addresses(step.path("takes_with")));
            case "forget" -> new Action.Forget(address, step.path("reason").asString(""));
            case "wait" -> new Action.Wait(address);
            case "bootstrap" -> new Action.Bootstrap(address);
            case "invite" -> new Action.Invite(address,
                    GoDuration.parse(step.path("ttl").asString("")).orElse(Duration.ofHours(2)));
            default -> throw new IllegalArgumentException("unknown action " + step.path("action"));
        };
    }

    private static List<FieldChange> changes(JsonNode array, String before, String after) {
        List<FieldChange> out = new ArrayList<>();
        for (JsonNode change : array) {
            out.add(new FieldChange(change.path("pointer").asString(), change.path("field").asString(),
                    Optional.ofNullable(change.get(before)), Optional.ofNullable(change.get(after)),
                    change.path("sensitive").asBoolean(false)));
        }
        return out;
    }

    private static List<Address> addresses(JsonNode array) {
        List<Address> out = new ArrayList<>();
        array.forEach(node -> out.add(address(node)));
        return out;
    }

    private static Address address(JsonNode node) {
        if (Address.parse(node.asString("")) instanceof AddressParse.Parsed parsed) {
            return parsed.address();
        }
        throw new IllegalArgumentException("bad address " + node);
    }
}
