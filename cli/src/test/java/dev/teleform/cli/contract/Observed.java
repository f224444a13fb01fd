package dev.teleform.cli.contract;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.InviteLink;
import dev.teleform.engine.provider.LinkLimits;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateError;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider and state store as one apply sees them, watched: every write is logged by address
 * (what invariant I1 compares with the plan), and the process can "die" right after its Nth write or
 * when told ({@link #die}), after which nothing it does reaches Teleport or state, as after a SIGKILL.
 */
final class Observed implements Provider {

    /**
     * One write call: {@code create}, {@code upsert}, {@code update}, {@code delete} or {@code invite} (a create with
     * its invite logs both).
     */
    record Write(String operation, Address address) {}

    private static final ProviderError DEAD = new ProviderError.BadParameter("the process was killed");

    private final Provider provider;
    private final int crashAt;
    private final boolean together;
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicBoolean dead = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Write> log = new ConcurrentLinkedQueue<>();

    /** @param crashAt die right after this write (0: never) */
    Observed(Provider provider, int crashAt) {
        this(provider, crashAt, false);
    }

    /**
     * @param together whether to say the provider {@link Provider#writesTogether writes together}: apply then hands it
     *                 groups of writes, which the SPI's defaults make one call at a time, each watched as usual
     */
    Observed(Provider provider, int crashAt, boolean together) {
        this.provider = provider;
        this.crashAt = crashAt;
        this.together = together;
    }

    @Override
    public boolean writesTogether() {
        return together;
    }

    List<Write> writes() {
        return List.copyOf(log);
    }

    boolean crashed() {
        return dead.get();
    }

    /** The process dies now: from here on, nothing reaches Teleport or state. */
    void die() {
        dead.set(true);
    }

    /** State as this process writes it: nothing once it has died. */
    StateStore store(StateStore store) {
        return new StateStore() {
            @Override
            public Either<StateError, Snapshot> read() {
                return store.read();
            }

            @Override
            public Either<StateError, Snapshot> write(State state, Optional<String> readAt, String message) {
                return dead.get() ? Either.left(new StateError.StorageFailure("the process was killed"))
                        : store.write(state, readAt, message);
            }

            @Override
            public Either<StateError, List<Entry>> history(int limit) {
                return store.history(limit);
            }
        };
    }

    private <T> Either<ProviderError, T> read(Supplier<Either<ProviderError, T>> call) {
        return dead.get() ? Either.left(DEAD) : call.get();
    }

    private <T> Either<ProviderError, T> write(String operation, Address address, Supplier<Either<ProviderError, T>> call) {
        if (dead.get()) {
            return Either.left(DEAD);
        }
        log.add(new Write(operation, address));
        Either<ProviderError, T> result = call.get();
        if (crashAt > 0 && writes.incrementAndGet() == crashAt) {
            dead.set(true);
            return Either.left(DEAD);
        }
        return result;
    }

    private static Address address(ClusterTarget target, ResourceKind kind, String name) {
        return Address.in(kind, name, target.clusterName());
    }

    private static Address address(ClusterTarget target, ObjectNode document) {
        return Address.in(ResourceKind.of(document.path("kind").asString("")).orElseThrow(),
                document.path("metadata").path("name").asString(""), target.clusterName());
    }

    @Override
    public Either<ProviderError, List<LiveResource>> list(ClusterTarget target, ResourceKind kind) {
        return read(() -> provider.list(target, kind));
    }

    @Override
    public Either<ProviderError, Map<ResourceKind, List<LiveResource>>> listKinds(ClusterTarget target,
            Set<ResourceKind> kinds) {
        return read(() -> provider.listKinds(target, kinds));
    }

    @Override
    public Either<ProviderError, LiveResource> get(ClusterTarget target, ResourceKind kind, String name) {
        return read(() -> provider.get(target, kind, name));
    }

    @Override
    public Either<ProviderError, Map<ResourceKind, List<LiveResource>>> getNamed(ClusterTarget target,
            Map<ResourceKind, Set<String>> names) {
        return read(() -> provider.getNamed(target, names));
    }

    @Override
    public Either<ProviderError, LiveResource> create(ClusterTarget target, ObjectNode document) {
        return write("create", address(target, document), () -> provider.create(target, document));
    }

    @Override
    public Either<ProviderError, LiveResource> upsert(ClusterTarget target, ObjectNode document) {
        return write("upsert", address(target, document), () -> provider.upsert(target, document));
    }

    @Override
    public Either<ProviderError, LiveResource> update(ClusterTarget target, ObjectNode document) {
        return write("update", address(target, document), () -> provider.update(target, document));
    }

    @Override
    public Either<ProviderError, Deleted> delete(ClusterTarget target, ResourceKind kind, String name) {
        return write("delete", address(target, kind, name), () -> provider.delete(target, kind, name));
    }

    @Override
    public Either<ProviderError, WorkloadClusterStatus> status(ClusterTarget.Parent parent, String workloadCluster) {
        return read(() -> provider.status(parent, workloadCluster));
    }

    @Override
    public Either<ProviderError, ClusterCredentials> bootstrap(ClusterTarget.Parent parent, String workloadCluster) {
        return read(() -> provider.bootstrap(parent, workloadCluster));
    }

    @Override
    public Either<ProviderError, ClusterCredentials> login(ClusterTarget.Parent parent, String workloadCluster,
            Path identityFile) {
        return read(() -> provider.login(parent, workloadCluster, identityFile));
    }

    @Override
    public Either<ProviderError, ClusterCredentials> joinParent(BotJoin join) {
        return read(() -> provider.joinParent(join));
    }

    @Override
    public Either<ProviderError, InviteLink> invite(ClusterTarget target, String user, Duration ttl) {
        return write("invite", Address.in(ResourceKind.USER, user, target.clusterName()), () -> provider.invite(target, user, ttl));
    }

    /** One call that makes the user and its link: logged as both writes, counted as one. */
    @Override
    public Either<ProviderError, Invited> createInvited(ClusterTarget target, ObjectNode user, Duration ttl) {
        Address address = address(target, user);
        return write("create", address, () -> {
            log.add(new Write("invite", address));
            return provider.createInvited(target, user, ttl);
        });
    }

    @Override
    public LinkLimits linkLimits() {
        return provider.linkLimits();
    }

    @Override
    public Either<ProviderError, Set<Verb>> permissions(ClusterTarget target, ResourceKind kind) {
        return read(() -> provider.permissions(target, kind));
    }

    @Override
    public void close() {
        // the run that opened the provider closes it
    }
}
