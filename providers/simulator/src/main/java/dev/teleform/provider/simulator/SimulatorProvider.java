package dev.teleform.provider.simulator;

import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.InviteLink;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.PrivateFiles;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.Faults;
import dev.teleform.provider.simulator.cloud.Operation;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import dev.teleform.provider.simulator.store.SimStore;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link Provider} over the simulated cloud: resolves who is calling (the parent's identity, the parent's
 * bot, or credentials of a workload cluster), counts the call, applies injected faults, and turns documents
 * into {@link LiveResource}s.
 */
final class SimulatorProvider implements Provider {

    /** Prefix of the private directories bot identities are written to, so stale ones can be found. */
    static final String CREDENTIALS_PREFIX = "teleform-sim-credentials-";

    private final ProviderConfig config;
    private final SimStore store;
    private final SimulatedCloud cloud;
    private final Faults faults;
    private final ConcurrentLinkedQueue<SimulatorCredentials> issued = new ConcurrentLinkedQueue<>();

    SimulatorProvider(ProviderConfig config) {
        this.config = config;
        this.store = new SimStore(config.simulator().dataDir());
        this.faults = new Faults(store);
        this.cloud = new SimulatedCloud(store, config.clock(), config.simulator(), faults::provisioning);
        PrivateFiles.removeStaleCredentials(CREDENTIALS_PREFIX); // left by a run that was killed
    }

    @Override
    public Either<ProviderError, List<LiveResource>> list(ClusterTarget target, ResourceKind kind) {
        return call(Operation.LIST, kind.kind(), () -> caller(target).flatMap(caller -> cloud.list(caller, kind.kind()))
                .map(docs -> docs.stream().map(doc -> live(kind, doc)).toList()));
    }

    @Override
    public Either<ProviderError, LiveResource> get(ClusterTarget target, ResourceKind kind, String name) {
        return call(Operation.GET, kind.kind(), () -> caller(target)
                .flatMap(caller -> cloud.get(caller, kind.kind(), name)).map(doc -> live(kind, doc)));
    }

    /**
     * One call however many names, as one {@code tctl get role/a,user/b} is one process; a name that does not exist
     * is absent from the result.
     */
    @Override
    public Either<ProviderError, Map<ResourceKind, List<LiveResource>>> getNamed(ClusterTarget target,
            Map<ResourceKind, Set<String>> names) {
        String kinds = names.keySet().stream().sorted().map(ResourceKind::kind).collect(Collectors.joining(","));
        return call(Operation.GET, kinds, () -> caller(target).flatMap(caller -> {
            Map<ResourceKind, List<LiveResource>> found = new EnumMap<>(ResourceKind.class);
            for (Map.Entry<ResourceKind, Set<String>> kind : names.entrySet()) {
                Either<ProviderError, List<ObjectNode>> read = cloud.getNamed(caller, kind.getKey().kind(),
                        new TreeSet<>(kind.getValue()));
                if (read.isLeft()) {
                    return Either.left(read.getLeft());
                }
                found.put(kind.getKey(), read.get().stream().map(doc -> live(kind.getKey(), doc)).toList());
            }
            return Either.right(found);
        }));
    }

    @Override
    public Either<ProviderError, LiveResource> create(ClusterTarget target, ObjectNode document) {
        return write(Operation.CREATE, SimulatedCloud.WriteMode.CREATE, target, document);
    }

    @Override
    public Either<ProviderError, LiveResource> upsert(ClusterTarget target, ObjectNode document) {
        return write(Operation.UPSERT, SimulatedCloud.WriteMode.UPSERT, target, document);
    }

    @Override
    public Either<ProviderError, LiveResource> update(ClusterTarget target, ObjectNode document) {
        return write(Operation.UPDATE, SimulatedCloud.WriteMode.UPDATE, target, document);
    }

    private Either<ProviderError, LiveResource> write(Operation operation, SimulatedCloud.WriteMode mode,
            ClusterTarget target, ObjectNode document) {
        String kindName = document.path("kind").asString("");
        Optional<ResourceKind> kind = ResourceKind.of(kindName);
        if (kind.isEmpty()) {
            return Either.left(new ProviderError.BadParameter("creating resources of type \"" + kindName
                    + "\" is not supported"));
        }
        return call(operation, kindName, () -> caller(target)
                .flatMap(caller -> cloud.write(caller, mode, document)).map(doc -> live(kind.get(), doc)));
    }

    @Override
    public Either<ProviderError, Deleted> delete(ClusterTarget target, ResourceKind kind, String name) {
        return call(Operation.DELETE, kind.kind(), () -> caller(target)
                .flatMap(caller -> cloud.delete(caller, kind.kind(), name))
                .map(suspendedAt -> new Deleted(kind, name, suspendedAt)));
    }

    @Override
    public Either<ProviderError, WorkloadClusterStatus> status(ClusterTarget.Parent parent, String workloadCluster) {
        return call(Operation.STATUS, SimulatedCloud.WORKLOAD_CLUSTER,
                () -> caller(parent).flatMap(caller -> cloud.status(caller, workloadCluster)));
    }

    /** The simulated cloud joins the bot itself: nothing needs reading from {@code parent} first. */
    @Override
    public Either<ProviderError, ClusterCredentials> bootstrap(ClusterTarget.Parent parent, String workloadCluster) {
        return call(Operation.BOOTSTRAP, SimulatedCloud.WORKLOAD_CLUSTER, () -> cloud
                .joinAsBot(workloadCluster, config.simulator().awsAccount(), config.simulator().awsArn())
                .flatMap(bot -> writeBotIdentity(bot, bot.cluster(), "bot " + bot.roles().getFirst())));
    }

    /**
     * The bot of {@code join} in the simulated parent ({@link SimulatedCloud#joinParentAsBot}), its identity written
     * to a private directory as tbot's is.
     */
    @Override
    public Either<ProviderError, ClusterCredentials> joinParent(BotJoin join) {
        return call(Operation.JOIN_PARENT, SimulatedCloud.WORKLOAD_CLUSTER,
                () -> writeBotIdentity(cloud.joinParentAsBot(join), "", join.describe()));
    }

    /** Credentials for {@code cluster} ("" for the parent) from a bot identity written to a private directory. */
    private Either<ProviderError, ClusterCredentials> writeBotIdentity(Caller bot, String cluster, String who) {
        try {
            Path dir = PrivateFiles.createCredentialsDirectory(CREDENTIALS_PREFIX);
            Path file = dir.resolve("identity");
            cloud.identities().issue(bot, SimulatedCloud.BOT_CERTIFICATE_TTL, cloud.now(), file);
            SimulatorCredentials credentials = new SimulatorCredentials(cluster, who,
                    cloud.now().plus(SimulatedCloud.BOT_CERTIFICATE_TTL), file, Optional.of(dir));
            issued.add(credentials);
            return Either.right(credentials);
        } catch (IOException e) {
            return Either.left(new ProviderError.ConnectionProblem("cannot write the bot identity: " + e.getMessage()));
        }
    }

    /** An identity file is checked against the simulated cluster itself: nothing needs reading from {@code parent}. */
    @Override
    public Either<ProviderError, ClusterCredentials> login(ClusterTarget.Parent parent, String workloadCluster,
            Path identityFile) {
        return call(Operation.LOGIN, SimulatedCloud.WORKLOAD_CLUSTER, () -> cloud.identities()
                .authenticate(identityFile, workloadCluster, cloud.now())
                .map(caller -> (ClusterCredentials) new SimulatorCredentials(workloadCluster,
                        "identity file " + identityFile.getFileName() + " (" + caller.user() + ")",
                        cloud.now().plus(Duration.ofHours(1)), identityFile, Optional.empty())));
    }

    /** The user and its invite link in one call, as Teleport's CreateUser then CreateResetPasswordToken(invite). */
    @Override
    public Either<ProviderError, Invited> createInvited(ClusterTarget target, ObjectNode user, Duration ttl) {
        return call(Operation.CREATE, SimulatedCloud.USER, () -> caller(target)
                .flatMap(caller -> cloud.addUser(caller, user, ttl))
                .map(made -> new Invited(new InviteLink(target.clusterName(), SimulatedCloud.name(made.user()),
                        made.link().url(), made.link().expires()), Either.right(live(ResourceKind.USER, made.user())))));
    }

    /** A reset link, the only link tctl makes for an existing user. */
    @Override
    public Either<ProviderError, InviteLink> invite(ClusterTarget target, String user, Duration ttl) {
        return call(Operation.INVITE, SimulatedCloud.USER, () -> caller(target)
                .flatMap(caller -> cloud.resetLink(caller, user, ttl))
                .map(grant -> new InviteLink(target.clusterName(), user, grant.url(), grant.expires())));
    }

    @Override
    public Either<ProviderError, Set<Verb>> permissions(ClusterTarget target, ResourceKind kind) {
        return call(Operation.PERMISSIONS, kind.kind(), () -> caller(target)
                .flatMap(caller -> cloud.permissions(caller, kind.kind())));
    }

    @Override
    public void close() {
        SimulatorCredentials credentials;
        while ((credentials = issued.poll()) != null) {
            credentials.close();
        }
        store.close();
    }

    /** Counts the call, applies its faults, then runs it. */
    private <T> Either<ProviderError, T> call(Operation operation, String kind, Supplier<Either<ProviderError, T>> action) {
        Faults.Decision decision = faults.before(operation, kind);
        if (!decision.latency().isZero()) {
            try {
                Thread.sleep(decision.latency());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Either.left(new ProviderError.ConnectionProblem("interrupted"));
            }
        }
        if (decision.answerLost()) {
            Either<ProviderError, T> done = action.get();
            return done.isRight() ? Either.left(new ProviderError.ConnectionProblem(Faults.ANSWER_LOST_TEXT)) : done;
        }
        return decision.failure().<Either<ProviderError, T>>map(Either::left).orElseGet(action);
    }

    private Either<ProviderError, Caller> caller(ClusterTarget target) {
        return switch (target) {
            case ClusterTarget.Parent parent -> parent.credentials().map(this::heldCaller).orElseGet(this::parentCaller);
            case ClusterTarget.Child child -> heldCaller(child.credentials());
        };
    }

    private Either<ProviderError, Caller> parentCaller() {
        return config.parentIdentityFile()
                .map(file -> cloud.identities().authenticate(file, SimStore.PARENT, cloud.now()))
                .orElseGet(() -> Either.right(Caller.parentAdmin()));
    }

    /** Who credentials this provider issued stand for: a workload cluster's identity, or the parent's bot. */
    private Either<ProviderError, Caller> heldCaller(ClusterCredentials credentials) {
        if (!(credentials instanceof SimulatorCredentials simulated)) {
            return Either.left(new ProviderError.BadParameter("credentials of another provider: " + credentials.describe()));
        }
        Either<ProviderError, Path> file = simulated.identityFile();
        if (file.isLeft()) {
            return Either.left(file.getLeft());
        }
        if (simulated.verified().isPresent() && cloud.now().isBefore(simulated.expires())) {
            return Either.right(simulated.verified().get());
        }
        Either<ProviderError, Caller> caller = cloud.identities().authenticate(file.get(),
                simulated.cluster().isEmpty() ? SimStore.PARENT : simulated.cluster(), cloud.now());
        caller.forEach(simulated::verified);
        return caller;
    }

    private static LiveResource live(ResourceKind kind, ObjectNode document) {
        return new LiveResource(kind, SimulatedCloud.name(document), document);
    }
}
