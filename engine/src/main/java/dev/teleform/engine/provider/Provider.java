package dev.teleform.engine.provider;

import dev.teleform.engine.addr.ResourceKind;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection to Teleport Cloud: the parent cluster and, through credentials, its workload
 * clusters. Implementations must be safe for concurrent calls from many threads. Documents passed
 * in are Teleport resources without Teleform's keys; documents returned include what the server
 * fills in.
 */
public interface Provider extends AutoCloseable {

    /** Every resource of {@code kind} in the target cluster, in one call (never one per resource). */
    Either<ProviderError, List<LiveResource>> list(ClusterTarget target, ResourceKind kind);

    /**
     * Every resource of each of {@code kinds} in the target cluster, in as few calls as the provider can
     * make (the teleport provider: one {@code tctl get roles,users}); each kind asked for is in the result.
     */
    default Either<ProviderError, Map<ResourceKind, List<LiveResource>>> listKinds(ClusterTarget target,
            Set<ResourceKind> kinds) {
        Map<ResourceKind, List<LiveResource>> all = new EnumMap<>(ResourceKind.class);
        for (ResourceKind kind : kinds) {
            Either<ProviderError, List<LiveResource>> listed = list(target, kind);
            if (listed.isLeft()) {
                return Either.left(listed.getLeft());
            }
            all.put(kind, listed.get());
        }
        return Either.right(all);
    }

    Either<ProviderError, LiveResource> get(ClusterTarget target, ResourceKind kind, String name);

    /**
     * Those of the named resources that exist in the target, in as few calls as the provider can make (the
     * teleport provider: one {@code tctl get role/a,role/b,user/c}); a name that does not exist is simply absent
     * from the result, not an error. Each kind asked for is in the result. This is how refresh reads when the
     * identity may not list a kind: a read by name needs only {@code read}, a listing {@code list} as well, which
     * Teleport Cloud does not promise a workload cluster's bot. The default makes one {@link #get} per name and
     * takes its {@link ProviderError.NotFound} for the name's absence.
     */
    default Either<ProviderError, Map<ResourceKind, List<LiveResource>>> getNamed(ClusterTarget target,
            Map<ResourceKind, Set<String>> names) {
        Map<ResourceKind, List<LiveResource>> found = new EnumMap<>(ResourceKind.class);
        for (Map.Entry<ResourceKind, Set<String>> kind : names.entrySet()) {
            List<LiveResource> existing = new ArrayList<>();
            for (String name : new TreeSet<>(kind.getValue())) {
                Either<ProviderError, LiveResource> read = get(target, kind.getKey(), name);
                if (read.isRight()) {
                    existing.add(read.get());
                } else if (!(read.getLeft() instanceof ProviderError.NotFound)) {
                    return Either.left(read.getLeft());
                }
            }
            found.put(kind.getKey(), existing);
        }
        return Either.right(found);
    }

    /**
     * Whether one {@link #writeInOrder}, one {@link #addInvited} per user and one {@link #getNamed} cost a call each
     * however many resources they carry (the teleport provider: a {@code tctl} process each), so that apply should
     * hand it a cluster's writes together. A provider whose every call changes one resource (the simulator) says no,
     * and apply makes them one {@link #create} or {@link #update} each, side by side.
     */
    default boolean writesTogether() {
        return false;
    }

    /**
     * Writes {@code writes} in the order given, each after the ones before it (a user after the roles it names), and
     * stops at the first that fails: how many were written, from the first, and why the next one was not. Each is
     * what its {@link Write#mode()} says: a {@link #create}, an {@link #upsert} or an {@link #update}. Nothing is read
     * back; {@link #getNamed} reads what was written. The default makes one call per write.
     */
    default WrittenInOrder writeInOrder(ClusterTarget target, List<Write> writes) {
        for (int i = 0; i < writes.size(); i++) {
            ObjectNode document = writes.get(i).document();
            Either<ProviderError, LiveResource> written = switch (writes.get(i).mode()) {
                case CREATE -> create(target, document);
                case UPSERT -> upsert(target, document);
                case UPDATE -> update(target, document);
            };
            if (written.isLeft()) {
                return new WrittenInOrder(i, Optional.of(written.getLeft()));
            }
        }
        return new WrittenInOrder(writes.size(), Optional.empty());
    }

    /**
     * Makes a new user with its roles and its first sign-up link, as {@link #createInvited} does, without reading it
     * back; {@link Added#complete()} says whether the rest of its document is written too, or is the caller's to
     * write (an {@link Write.Mode#UPSERT}). The default is {@link #createInvited}.
     */
    default Either<ProviderError, Added> addInvited(ClusterTarget target, ObjectNode user, Duration ttl) {
        return createInvited(target, user, ttl).map(invited -> new Added(invited.link(), invited.user().isRight()));
    }

    /** Creates a resource; {@link ProviderError.AlreadyExists} if one of that name exists. */
    Either<ProviderError, LiveResource> create(ClusterTarget target, ObjectNode document);

    /**
     * Creates or overwrites. For a workload cluster this is Teleport Cloud's upsert: a no-op when
     * the cluster exists with exactly this spec, {@link ProviderError.BadParameter} when its spec differs.
     */
    Either<ProviderError, LiveResource> upsert(ClusterTarget target, ObjectNode document);

    /** Replaces an existing resource; {@link ProviderError.NotFound} if there is none. */
    Either<ProviderError, LiveResource> update(ClusterTarget target, ObjectNode document);

    /**
     * Deletes; a workload cluster is suspended by Teleport Cloud and stays restorable, with its name
     * taken, for Cloud's grace period (14–15 days; Cloud decides and does not say).
     */
    Either<ProviderError, Deleted> delete(ClusterTarget target, ResourceKind kind, String name);

    /** Status of a workload cluster, read from {@code parent}. */
    Either<ProviderError, WorkloadClusterStatus> status(ClusterTarget.Parent parent, String workloadCluster);

    /**
     * Joins the active workload cluster as the bot Teleport Cloud created in it ({@code spec.bot.name},
     * IAM join) and returns credentials for it; what the cluster is (its bot, its domain) is read from
     * {@code parent} if the provider needs to.
     */
    Either<ProviderError, ClusterCredentials> bootstrap(ClusterTarget.Parent parent, String workloadCluster);

    /**
     * Credentials for a workload cluster from an identity file (e.g. one allowed to delete); where the cluster
     * is is read from {@code parent} if the provider needs to.
     */
    Either<ProviderError, ClusterCredentials> login(ClusterTarget.Parent parent, String workloadCluster,
            Path identityFile);

    /**
     * Joins the parent cluster as a Machine ID bot ({@code spec.parent.join}), for {@link ClusterTarget#parent(
     * ClusterCredentials)}: a one-shot join whose identity lives in a private directory that closing the
     * credentials removes. A bot needs no MFA for admin actions, which is why CI should reach the parent so.
     */
    Either<ProviderError, ClusterCredentials> joinParent(BotJoin join);

    /**
     * Creates a new user together with its first sign-up link, as {@code tctl users add NAME --roles R --ttl T}
     * does (an <em>invite</em> token, {@code /web/invite/}). Left means no link was issued; the user may exist
     * all the same, since Teleport makes the user before its link. Right means the user exists and the link was
     * issued; its {@link Invited#user()} is Left when the rest of the document could not be written after that,
     * so a caller still hands the link over and writes the rest later.
     */
    Either<ProviderError, Invited> createInvited(ClusterTarget target, ObjectNode user, Duration ttl);

    /**
     * A new link for a user that already exists, as {@code tctl users reset} makes it (a <em>reset</em> token,
     * {@code /web/reset/}): Teleport deletes the user's password, every MFA device and earlier links first,
     * so a caller asks for it only for a user without a password or when a reset is what was asked.
     */
    Either<ProviderError, InviteLink> invite(ClusterTarget target, String user, Duration ttl);

    /** How long the links of {@link #createInvited} and {@link #invite} may last. */
    default LinkLimits linkLimits() {
        return LinkLimits.TELEPORT;
    }

    /** The verbs the target's identity holds on {@code kind}. */
    Either<ProviderError, Set<Verb>> permissions(ClusterTarget target, ResourceKind kind);

    /**
     * What the provider met in this run so far that the user should know but that failed no call (the
     * teleport provider: the cluster alerts tctl prints after its commands), each once, oldest first. Calls
     * answer as they would without them; a caller shows these as warnings, e.g. at the end of a command.
     */
    default List<String> warnings() {
        return List.of();
    }

    /** Releases connections and removes any identity material still held. */
    @Override
    void close();

    /**
     * What {@link #createInvited} made.
     *
     * @param link the new user's sign-up link: a secret, to be handed over and never stored
     * @param user the user as the server holds it, or why the rest of its document was not written
     */
    record Invited(InviteLink link, Either<ProviderError, LiveResource> user) {}

    /**
     * One write of {@link #writeInOrder}.
     *
     * @param mode     a create ({@link ProviderError.AlreadyExists} if there), an upsert, or an update ({@link
     *                 ProviderError.NotFound} if not there, where the provider can tell: one without an update-only
     *                 write, as tctl, writes it as an upsert, so a caller reads the resource just before)
     * @param document the resource as it is to be written
     */
    record Write(Mode mode, ObjectNode document) {

        /** What a write may find and do. */
        public enum Mode { CREATE, UPSERT, UPDATE }
    }

    /**
     * How far a {@link #writeInOrder} got.
     *
     * @param written   how many writes, from the first, were made
     * @param stoppedBy why the next one was not, when it stopped early; a write after it was not tried
     */
    record WrittenInOrder(int written, Optional<ProviderError> stoppedBy) {}

    /**
     * A user {@link #addInvited} made.
     *
     * @param link     its sign-up link: a secret, to be handed over and never stored
     * @param complete whether its whole document is written; if not, only its name and roles are
     */
    record Added(InviteLink link, boolean complete) {}

    /**
     * What a delete did.
     *
     * @param suspendedAt for a workload cluster, when Teleport Cloud was asked to delete it: it stays
     *     restorable for Cloud's grace period from then. A provider reports this time rather than a
     *     deadline because the length of the period is Cloud's and no call returns it. Empty for
     *     other kinds, which are gone for good.
     */
    record Deleted(ResourceKind kind, String name, Optional<java.time.Instant> suspendedAt) {}
}
