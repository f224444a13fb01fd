package dev.teleform.engine.operation;

import dev.teleform.engine.operation.access.ClusterAccess;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.DidYouMean;
import dev.teleform.engine.plan.LiveSnapshot;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanComparison;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.plan.Planner;
import dev.teleform.engine.plan.ThreeWayDiff;
import dev.teleform.engine.planfile.PlanFile;
import dev.teleform.engine.planfile.PlanFileCodec;
import dev.teleform.engine.planfile.StackLocation;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.schema.FieldSemantics;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateError;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * One plan, from its three inputs: reads state, refreshes live state through the provider
 * ({@link RefreshOperation}), then diffs and orders with the pure {@link Planner}. Also saves a plan
 * for a later {@code apply PLANFILE}.
 */
public final class PlanOperation {

    private PlanOperation() {
    }

    /**
     * A plan and what it was made from.
     *
     * @param stateVersion the state version the plan is based on (for plan files and apply)
     * @param live         what the plan still needs of live state (see {@link LiveSnapshot})
     * @param refreshTime  time until live state was read (the planner works meanwhile)
     * @param planTime     time spent planning after that
     */
    public record Result(Plan plan, State state, Optional<String> stateVersion, LiveSnapshot live,
            Duration refreshTime, Duration planTime) {}

    private record Planned(Plan plan, LiveSnapshot live) {}

    /**
     * A plan file as read, before the stack it was made from is opened.
     *
     * @param id the same for the same file anywhere (its bytes' digest): the state commits that apply it name it
     */
    public record SavedPlan(PlanFile file, String id) {

        /** The stack directory the plan was made from. */
        public Path stackDir() {
            return file.stackDir();
        }

        public String stackName() {
            return file.stackName();
        }

        public Plan plan() {
            return file.plan();
        }
    }

    /**
     * Reads a plan file made by {@code teleform plan --out FILE}; the stack it names is found from
     * {@code workingDir}, the directory the command runs in (see {@link StackLocations}).
     */
    public static Outcome<SavedPlan> read(Path file, Path workingDir) {
        return read(file, location -> StackLocations.locate(location, workingDir));
    }

    /**
     * Reads a plan file to show it, wherever that happens: a stack the file names in a git repository that
     * {@code workingDir} is not in is taken to be below {@code workingDir} (it only places the plan's problems).
     */
    public static Outcome<SavedPlan> readToShow(Path file, Path workingDir) {
        Path here = workingDir.toAbsolutePath().normalize();
        return read(file, location -> Either.right(StackLocations.locate(location, here)
                .getOrElse(() -> here.resolve(location.path()).normalize())));
    }

    private static Outcome<SavedPlan> read(Path file, Function<StackLocation, Either<String, Path>> locate) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return PlanFileCodec.read(bytes, locate).fold(message -> Outcome.failed(file + ": " + message),
                    read -> Outcome.done(new SavedPlan(read, AppliedPlans.id(bytes))));
        } catch (IOException e) {
            return Outcome.failed("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Plans with the workspace's provider, opened and closed here. State is read meanwhile, on a thread of its
     * own: on a big stack both take a while (a state repository to open and tens of megabytes to read, maybe a
     * fetch; a provider to start), and neither needs the other.
     */
    public static Outcome<Result> run(Workspace workspace, PlanOptions options, int parallelism) {
        CompletableFuture<Either<StateError, StateStore.Snapshot>> state = CompletableFuture.supplyAsync(
                () -> readSharing(workspace), task -> Thread.ofVirtual().name("teleform-state-read").start(task));
        try {
            return workspace.withProvider(provider -> workspace.withClusters(provider,
                    access -> run(workspace, provider, access, options, parallelism, () -> joined(state))));
        } finally {
            // Also when the provider could not start: the read (a fetch into the local state repository, maybe)
            // ends before anything else touches that repository or the process exits.
            state.exceptionally(failed -> null).join();
        }
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Plans with {@code provider}; the workload clusters reached are left again before this returns. */
    public static Outcome<Result> run(Workspace workspace, Provider provider, PlanOptions options, int parallelism) {
        return workspace.withClusters(provider, access -> run(workspace, provider, access, options, parallelism));
    }

    /** Plans with {@code provider}, reaching workload clusters through {@code access}, which the caller closes. */
    public static Outcome<Result> run(Workspace workspace, Provider provider, ClusterAccess access,
            PlanOptions options, int parallelism) {
        return run(workspace, provider, access, options, parallelism, () -> readSharing(workspace));
    }

    private static Outcome<Result> run(Workspace workspace, Provider provider, ClusterAccess access,
            PlanOptions options, int parallelism, Supplier<Either<StateError, StateStore.Snapshot>> stateRead) {
        var read = stateRead.get();
        if (read.isLeft()) {
            return Outcome.failed(read.getLeft().message(), read.getLeft());
        }
        Stack stack = workspace.stack();
        State state = read.get().state();
        Optional<String> version = read.get().version();
        long start = System.nanoTime();
        Planner planner = new Planner(new ThreeWayDiff(FieldSemantics.shared()), provider.linkLimits());
        // The planner takes each workload cluster as soon as it is read, and lets go of what it no longer needs.
        RefreshOperation.Scope scope = scope(stack, state);
        Diagnostics unknown = unknownAddresses(options, scope.managed());
        if (unknown.hasErrors()) {
            return Outcome.failed(unknown);
        }
        RefreshOperation refresh = new RefreshOperation(provider, access, parallelism);
        if (!options.readWorkloadClusters()) {
            refresh = refresh.withoutJoining(AppliedContents.of(state, stack));
        }
        return refresh.readWith(scope, live ->
                new Planned(planner.plan(stack, state, live, options), live)).map(fed -> {
            Duration total = Duration.ofNanos(System.nanoTime() - start);
            return new Result(fed.value().plan(), state, version, fed.value().live(), fed.readTime(),
                    total.minus(fed.readTime()));
        });
    }

    /**
     * An error for each address of {@code --target}, {@code --exclude} or {@code --replace} that neither the stack
     * nor state has, with the one it may be a misspelling of: left alone, it would quietly choose nothing.
     */
    static Diagnostics unknownAddresses(PlanOptions options, Set<Address> managed) {
        List<String> known = managed.stream().map(Address::toString).sorted().toList();
        List<Diagnostic> problems = new ArrayList<>();
        Map<String, Set<Address>> given = new LinkedHashMap<>();
        given.put("--target", options.targets());
        given.put("--exclude", options.excludes());
        given.put("--replace", options.replaces());
        given.forEach((option, addresses) -> addresses.stream().filter(address -> !managed.contains(address)).sorted()
                .forEach(address -> problems.add(Diagnostic.error(option + " " + address + ": neither the stack nor "
                        + "state has this resource" + DidYouMean.hint(address.toString(), known)))));
        return Diagnostics.of(problems);
    }

    /**
     * State as read, {@linkplain State#sharing sharing} the stack's documents where they are the same.
     */
    private static Either<StateError, StateStore.Snapshot> readSharing(Workspace workspace) {
        Map<Address, ObjectNode> declared = new HashMap<>();
        workspace.stack().resources().forEach(resource -> declared.put(resource.address(), resource.document()));
        return workspace.state().read(declared);
    }

    /**
     * Writes {@code result} as a plan file for {@code teleform show} and {@code teleform apply FILE}, with what it
     * was made from, so that apply can refuse it when anything moved. The stack directory is named relative to its git
     * repository (or to {@code workingDir}, outside one), so that the file applies in another checkout.
     */
    public static Outcome<Path> save(Workspace workspace, Result result, Set<Address> targets, Set<Address> replaces,
            Path file, Path workingDir) {
        Stack stack = workspace.stack();
        String target = ProviderTarget.of(workspace);
        PlanFile saved = new PlanFile(stack.settings().name(), stack.dir().toAbsolutePath().normalize(), stack.digest(),
                result.state().lineage(), result.state().serial(), result.stateVersion(), stack.settings().provider(),
                target, targets.stream().sorted().toList(), replaces.stream().sorted().toList(), result.plan());
        try {
            Files.writeString(file, PlanFileCodec.write(saved, StackLocations.of(stack.dir(), workingDir)));
            return Outcome.done(file);
        } catch (IOException e) {
            return Outcome.failed("cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * How the plan made now for {@code workspace}'s stack differs from {@code saved} by what they would change (see
     * {@link PlanComparison}); a plan of another stack is not compared.
     */
    public static Outcome<PlanComparison> compare(SavedPlan saved, Workspace workspace, Plan now) {
        if (!saved.stackName().equals(workspace.stackName())) {
            return Outcome.failed("the saved plan is a plan of stack " + saved.stackName() + ", not of "
                    + workspace.stackName() + "; compare plans of the same stack");
        }
        return Outcome.done(PlanComparison.of(saved.plan(), now));
    }

    /** What refresh must read: the resources the stack declares and those state holds. */
    static RefreshOperation.Scope scope(Stack stack, State state) {
        Set<Address> managed = new HashSet<>(state.resources().keySet());
        stack.resources().forEach(resource -> managed.add(resource.address()));
        return new RefreshOperation.Scope(managed);
    }
}
