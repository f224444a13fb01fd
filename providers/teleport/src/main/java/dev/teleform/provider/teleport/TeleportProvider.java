package dev.teleform.provider.teleport;

import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.provider.InviteLink;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.RoleRules;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import io.vavr.control.Either;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider over the official binaries. The parent cluster is reached at {@code parent.proxy} with
 * {@code parent.identity_file} (or the user's own tsh session), or with the identity a one-shot tbot wrote for the
 * bot of {@code parent.join}; a workload cluster at
 * {@code <status.domain>:443} with the identity tbot wrote for its bot, or with the identity file the
 * stack names for it. Processes are saved where tctl allows or this run already has the answer:
 * several kinds are one {@code tctl get roles,users}; apply hands this provider a cluster's writes together
 * ({@link #writesTogether}), each run of them one {@code tctl create [-f]}, read back with one {@code tctl get};
 * other writes under way together to one cluster share a create and a get too ({@link WriteBatcher}); a
 * bootstrap runs only tbot when the cluster was read active earlier in the run; a bot's permissions come from its
 * role as listed, or as read with the named resources where the bot may not list ({@link #getNamed}). So a plan
 * spawns a few processes per workload cluster, however many resources it holds, and an apply a few more.
 */
final class TeleportProvider implements Provider {

    /** tbot's default certificate lifetime; a one-shot identity is not renewed. */
    static final Duration BOT_IDENTITY_TTL = Duration.ofHours(1);

    private static final Pattern LINK = Pattern.compile("https://\\S+/web/(?:invite|reset)/\\S+");

    private final ProviderConfig config;
    private final Tctl tctl;
    private final Tbot tbot;
    private final WriteBatcher writes;
    private final ConcurrentLinkedQueue<TeleportCredentials> issued = new ConcurrentLinkedQueue<>();
    /** Workload clusters as last read from the parent in this run (their bot and domain do not change). */
    private final Map<String, LiveResource> clusters = new ConcurrentHashMap<>();

    TeleportProvider(ProviderConfig config, Tctl tctl, Tbot tbot) {
        this.config = config;
        this.tctl = tctl;
        this.tbot = tbot;
        this.writes = new WriteBatcher(tctl::createAll, this::readBack);
    }

    @Override
    public Either<ProviderError, List<LiveResource>> list(ClusterTarget target, ResourceKind kind) {
        return endpoint(target).flatMap(endpoint -> tctl.get(endpoint, plural(kind)))
                .map(documents -> documents.stream().map(document -> seen(target, live(kind, document))).toList());
    }

    /** Several kinds are one {@code tctl get roles,users} (YAML, the only format tctl allows for it). */
    @Override
    public Either<ProviderError, Map<ResourceKind, List<LiveResource>>> listKinds(ClusterTarget target,
            Set<ResourceKind> kinds) {
        if (kinds.size() < 2) {
            return Provider.super.listKinds(target, kinds);
        }
        List<ResourceKind> ordered = kinds.stream().sorted().toList();
        return endpoint(target).flatMap(endpoint -> tctl.getMany(endpoint, ordered.stream().map(this::plural).toList()))
                .map(documents -> {
                    Map<ResourceKind, List<LiveResource>> lists = new EnumMap<>(ResourceKind.class);
                    ordered.forEach(kind -> lists.put(kind, new ArrayList<>()));
                    for (ObjectNode document : documents) {
                        kindOf(document).filter(lists::containsKey).ifPresent(kind ->
                                lists.get(kind).add(seen(target, live(kind, document))));
                    }
                    return lists;
                });
    }

    /**
     * Those of the named resources that exist: one {@code tctl get role/a,user/b} (YAML, as tctl requires for
     * several kinds), asked again without each name tctl reports missing ({@link NamedGet}). Reached as its bot,
     * the bot's own role is asked for too, unless already known, so that its permissions cost no process of their own.
     */
    @Override
    public Either<ProviderError, Map<ResourceKind, List<LiveResource>>> getNamed(ClusterTarget target,
            Map<ResourceKind, Set<String>> names) {
        Map<ResourceKind, List<LiveResource>> found = new EnumMap<>(ResourceKind.class);
        List<String> refs = new ArrayList<>();
        names.keySet().stream().sorted().forEach(kind -> {
            found.put(kind, new ArrayList<>());
            names.get(kind).stream().sorted().forEach(name -> refs.add(NamedGet.ref(kind, name)));
        });
        botRoleName(target).filter(role -> botRoleUnknown(target)).map(role -> NamedGet.ref(ResourceKind.ROLE, role))
                .filter(ref -> !refs.contains(ref)).ifPresent(refs::add);
        if (refs.isEmpty()) {
            return Either.right(found);
        }
        return endpoint(target).flatMap(endpoint -> new NamedGet(tctl).existing(endpoint, refs)).map(documents -> {
            for (ObjectNode document : documents) {
                kindOf(document).ifPresent(kind -> {
                    LiveResource live = seen(target, live(kind, document));
                    if (names.getOrDefault(kind, Set.of()).contains(live.name())) {
                        found.get(kind).add(live);
                    }
                });
            }
            return found;
        });
    }

    /**
     * Remembers what later calls can use instead of a call of their own: a workload cluster's document
     * (bootstrap needs its bot and domain), and a bot's own role (its permissions).
     */
    private LiveResource seen(ClusterTarget target, LiveResource resource) {
        switch (target) {
            case ClusterTarget.Parent parent -> {
                if (resource.kind() == ResourceKind.WORKLOAD_CLUSTER) {
                    clusters.put(resource.name(), resource);
                }
            }
            case ClusterTarget.Child child -> {
                if (resource.kind() == ResourceKind.ROLE && child.credentials() instanceof TeleportCredentials held
                        && botRoleName(target).filter(resource.name()::equals).isPresent()) {
                    held.botRole(resource.document());
                }
            }
        }
        return resource;
    }

    /**
     * The name of the bot's own role when {@code target} is a workload cluster reached as its bot: Teleport Cloud
     * names it after the bot (TELEPORT.md §2). The one place that knows it; empty for the parent and for an
     * identity file the stack names.
     */
    private static Optional<String> botRoleName(ClusterTarget target) {
        if (target instanceof ClusterTarget.Child child && child.credentials().describe().startsWith("bot ")) {
            return Optional.of(child.credentials().describe().substring("bot ".length()));
        }
        return Optional.empty();
    }

    private static boolean botRoleUnknown(ClusterTarget target) {
        return target instanceof ClusterTarget.Child child && child.credentials() instanceof TeleportCredentials held
                && held.botRole().isEmpty();
    }

    @Override
    public Either<ProviderError, LiveResource> get(ClusterTarget target, ResourceKind kind, String name) {
        return endpoint(target).flatMap(endpoint -> one(endpoint, kind, name)).map(live -> seen(target, live));
    }

    @Override
    public Either<ProviderError, LiveResource> create(ClusterTarget target, ObjectNode document) {
        return write(target, document, false);
    }

    @Override
    public Either<ProviderError, LiveResource> upsert(ClusterTarget target, ObjectNode document) {
        return write(target, document, true);
    }

    /**
     * Yes: {@link #writeInOrder} is a tctl process per {@link Tctl#MOST_PER_CREATE} writes (and per change between
     * creates and overwrites), {@link #addInvited} one per user, {@link #getNamed} one per few thousand characters
     * of refs (and one more per name tctl reports missing).
     */
    @Override
    public boolean writesTogether() {
        return true;
    }

    /**
     * {@code tctl create} of the creates, {@code tctl create -f} of the upserts and updates, each with the documents
     * on stdin, {@link Tctl#MOST_PER_CREATE} at most per process: tctl writes them in order and stops at the first it
     * cannot, as this call must. Consecutive writes of one kind of process share it. tctl has no update-only write:
     * an update of a resource deleted since the caller read it creates it again (apply reads just before).
     */
    @Override
    public WrittenInOrder writeInOrder(ClusterTarget target, List<Write> writes) {
        Either<ProviderError, Endpoint> endpoint = endpoint(target);
        if (endpoint.isLeft()) {
            return new WrittenInOrder(0, Optional.of(endpoint.getLeft()));
        }
        int written = 0;
        while (written < writes.size()) {
            boolean force = writes.get(written).mode() != Write.Mode.CREATE;
            List<ObjectNode> documents = new ArrayList<>();
            for (int i = written; i < writes.size() && documents.size() < Tctl.MOST_PER_CREATE
                    && (writes.get(i).mode() != Write.Mode.CREATE) == force; i++) {
                documents.add(writes.get(i).document());
            }
            Optional<ObjectNode> unsupported = documents.stream().filter(document -> kindOf(document).isEmpty()).findFirst();
            List<ObjectNode> supported = documents.subList(0, unsupported.map(documents::indexOf).orElse(documents.size()));
            Tctl.Created run = supported.isEmpty() ? new Tctl.Created(0, Optional.empty())
                    : tctl.createAll(endpoint.get(), supported, force);
            written += run.written();
            if (run.error().isPresent()) {
                return new WrittenInOrder(written, run.error());
            }
            if (unsupported.isPresent()) {
                return new WrittenInOrder(written, Optional.of(unsupported(unsupported.get())));
            }
        }
        return new WrittenInOrder(written, Optional.empty());
    }

    /**
     * tctl has no update-only write for whole resources: an update reads first, so that a missing
     * resource is {@link ProviderError.NotFound} as the SPI says, then writes with {@code create -f}.
     */
    @Override
    public Either<ProviderError, LiveResource> update(ClusterTarget target, ObjectNode document) {
        Optional<ResourceKind> kind = kindOf(document);
        if (kind.isEmpty()) {
            return Either.left(unsupported(document));
        }
        return endpoint(target).flatMap(endpoint -> one(endpoint, kind.get(), nameOf(document)))
                .flatMap(existing -> write(target, document, true));
    }

    private Either<ProviderError, LiveResource> write(ClusterTarget target, ObjectNode document, boolean force) {
        Optional<ResourceKind> kind = kindOf(document);
        if (kind.isEmpty()) {
            return Either.left(unsupported(document));
        }
        return endpoint(target).flatMap(endpoint -> writes.write(endpoint, document, force));
    }

    /** The written documents as the server now holds them: one {@code tctl get}, several refs as YAML. */
    private Map<String, Either<ProviderError, LiveResource>> readBack(Endpoint endpoint, List<ObjectNode> written) {
        Map<String, Either<ProviderError, LiveResource>> read = new java.util.HashMap<>();
        if (written.size() == 1) {
            ObjectNode document = written.getFirst();
            read.put(WriteBatcher.ref(document), one(endpoint, kindOf(document).orElseThrow(), nameOf(document)));
            return read;
        }
        List<String> refs = written.stream().map(WriteBatcher::ref).distinct().toList();
        tctl.getMany(endpoint, refs).fold(error -> {
            refs.forEach(ref -> read.put(ref, Either.left(error)));
            return null;
        }, documents -> {
            documents.forEach(document -> kindOf(document).ifPresent(kind ->
                    read.put(WriteBatcher.ref(document), Either.right(live(kind, document)))));
            return null;
        });
        return read;
    }

    @Override
    public Either<ProviderError, Deleted> delete(ClusterTarget target, ResourceKind kind, String name) {
        Instant now = config.clock().instant();
        if (kind == ResourceKind.WORKLOAD_CLUSTER) {
            clusters.remove(name);
        }
        return endpoint(target).flatMap(endpoint -> tctl.rm(endpoint, kind.kind() + "/" + name))
                .map(printed -> new Deleted(kind, name, kind == ResourceKind.WORKLOAD_CLUSTER
                        ? Optional.of(now) : Optional.empty()));
    }

    @Override
    public Either<ProviderError, WorkloadClusterStatus> status(ClusterTarget.Parent parent, String workloadCluster) {
        return get(parent, ResourceKind.WORKLOAD_CLUSTER, workloadCluster)
                .map(cluster -> WorkloadClusterStatus.of(cluster.document()));
    }

    @Override
    public Either<ProviderError, ClusterCredentials> bootstrap(ClusterTarget.Parent parent, String workloadCluster) {
        return activeCluster(parent, workloadCluster).flatMap(cluster -> {
            String bot = cluster.document().path("spec").path("bot").path("name").asString("");
            if (bot.isEmpty()) {
                return Either.left(new ProviderError.BadParameter("workload cluster " + workloadCluster + " has no "
                        + "spec.bot: there is no bot to join as; set clusters." + workloadCluster + ".identity_file"));
            }
            return joined(workloadCluster, "bot " + bot, proxyOf(workloadCluster, cluster.document()), BotJoin.iam(bot));
        });
    }

    @Override
    public Either<ProviderError, ClusterCredentials> login(ClusterTarget.Parent parent, String workloadCluster,
            Path identityFile) {
        return activeCluster(parent, workloadCluster).map(cluster -> issue(new TeleportCredentials(workloadCluster,
                "identity file " + identityFile.getFileName(), Instant.MAX,
                new Endpoint(proxyOf(workloadCluster, cluster.document()), Optional.of(identityFile)), Optional.empty())));
    }

    /** A one-shot tbot joins {@code parent.proxy} as {@code join} says; its identity reaches the parent until closed. */
    @Override
    public Either<ProviderError, ClusterCredentials> joinParent(BotJoin join) {
        return parentProxy().flatMap(proxy -> joined("", join.describe(), proxy, join));
    }

    /** Credentials for the identity tbot wrote for a bot that joined {@code proxy}; closing them removes it. */
    private Either<ProviderError, ClusterCredentials> joined(String cluster, String who, String proxy, BotJoin join) {
        Instant now = config.clock().instant();
        return tbot.join(proxy, join).map(joined -> issue(new TeleportCredentials(cluster, who,
                now.plus(BOT_IDENTITY_TTL), new Endpoint(proxy, Optional.of(joined.identity())),
                Optional.of(joined.directory()))));
    }

    /**
     * {@code tctl users add NAME --roles R1,R2 --ttl T}: the user and its invite link (at most 48h). tctl gives the
     * user only its roles (and empty traits), so a document that sets more is then written whole with
     * {@code create -f}; otherwise the user is read back. A failure of that second call leaves the link issued:
     * it is returned with the failure, for the caller to hand over.
     */
    @Override
    public Either<ProviderError, Invited> createInvited(ClusterTarget target, ObjectNode user, Duration ttl) {
        return usersAdd(target, user, ttl).flatMap(link -> endpoint(target).map(endpoint -> new Invited(link,
                setsMoreThanRoles(user) ? write(target, user, true) : one(endpoint, ResourceKind.USER, nameOf(user)))));
    }

    /** {@code tctl users add NAME --roles R1,R2 --ttl T}: the user with its roles only, and its invite link. */
    private Either<ProviderError, InviteLink> usersAdd(ClusterTarget target, ObjectNode user, Duration ttl) {
        String name = nameOf(user);
        List<String> roles = new ArrayList<>();
        user.path("spec").path("roles").forEach(role -> roles.add(role.asString("")));
        if (roles.isEmpty()) {
            return Either.left(new ProviderError.BadParameter("user \"" + name + "\" has no roles, and tctl users add "
                    + "needs at least one (--roles) to make an invite link; give it a role in spec.roles, or set "
                    + "invite: false"));
        }
        if (ttl.compareTo(linkLimits().invite()) > 0) {
            return Either.left(new ProviderError.BadParameter("invite.ttl " + GoDuration.format(ttl) + " is longer "
                    + "than tctl users add allows (" + GoDuration.format(linkLimits().invite()) + ")"));
        }
        Instant now = config.clock().instant();
        return endpoint(target).flatMap(endpoint -> tctl.run(endpoint, List.of("users", "add", name, "--roles",
                String.join(",", roles), "--ttl", GoDuration.format(ttl)), Optional.empty())
                .flatMap(printed -> link(printed, "users add", target, name, now.plus(ttl))));
    }

    /** {@code tctl users add NAME --roles R1,R2 --ttl T} alone; the rest of a user that sets more is the caller's. */
    @Override
    public Either<ProviderError, Added> addInvited(ClusterTarget target, ObjectNode user, Duration ttl) {
        return usersAdd(target, user, ttl).map(link -> new Added(link, !setsMoreThanRoles(user)));
    }

    /** Whether a user document holds anything {@code tctl users add} does not write: labels, traits, ... */
    private static boolean setsMoreThanRoles(ObjectNode user) {
        return user.path("metadata").propertyNames().stream().anyMatch(field -> !field.equals("name"))
                || user.path("spec").propertyNames().stream().anyMatch(field -> !field.equals("roles"));
    }

    /**
     * {@code tctl users reset NAME --ttl T}, the only link tctl makes for an existing user: at most 24h, and
     * Teleport deletes the user's password, MFA devices and earlier links first (TELEPORT.md §6).
     */
    @Override
    public Either<ProviderError, InviteLink> invite(ClusterTarget target, String user, Duration ttl) {
        if (ttl.compareTo(linkLimits().reset()) > 0) {
            return Either.left(new ProviderError.BadParameter("invite.ttl " + GoDuration.format(ttl) + " is longer "
                    + "than tctl users reset allows (" + GoDuration.format(linkLimits().reset()) + "); set invite.ttl "
                    + "to " + GoDuration.format(linkLimits().reset()) + " or less"));
        }
        Instant now = config.clock().instant();
        return endpoint(target).flatMap(endpoint -> tctl.run(endpoint, List.of("users", "reset", user, "--ttl",
                GoDuration.format(ttl)), Optional.empty())).flatMap(printed -> link(printed, "users reset", target, user,
                        now.plus(ttl)));
    }

    private static Either<ProviderError, InviteLink> link(String printed, String command, ClusterTarget target,
            String user, Instant expires) {
        Matcher link = LINK.matcher(printed);
        if (!link.find()) {
            return Either.left(new ProviderError.BadParameter("tctl " + command + " printed no link"));
        }
        return Either.right(new InviteLink(target.clusterName(), user, URI.create(link.group()), expires));
    }

    /**
     * The parent identity is taken to hold what it needs (Teleport says otherwise at the call). A bot
     * holds what its role (named after it, TELEPORT.md §2) allows; an identity file named in the stack
     * is taken to hold everything, since that is why it is named.
     */
    @Override
    public Either<ProviderError, Set<Verb>> permissions(ClusterTarget target, ResourceKind kind) {
        return switch (target) {
            case ClusterTarget.Parent parent -> Either.right(EnumSet.allOf(Verb.class));
            case ClusterTarget.Child child -> {
                Optional<String> botRole = botRoleName(target);
                if (botRole.isEmpty()) {
                    yield endpoint(target).map(endpoint -> EnumSet.allOf(Verb.class));
                }
                Optional<ObjectNode> known = child.credentials() instanceof TeleportCredentials held ? held.botRole()
                        : Optional.empty();
                if (known.isPresent()) {
                    yield endpoint(target).map(endpoint -> RoleRules.verbs(List.of(known.get()), kind.kind()));
                }
                // a read by name: the bot may read its role even where it may not list roles
                yield get(target, ResourceKind.ROLE, botRole.get())
                        .map(role -> RoleRules.verbs(List.of(role.document()), kind.kind()));
            }
        };
    }

    /** The cluster alerts tctl printed in this run, each once: Teleport's warnings, not failures of a call. */
    @Override
    public List<String> warnings() {
        return tctl.alerts().stream().map(alert -> "Teleport cluster alert: " + alert).toList();
    }

    @Override
    public void close() {
        TeleportCredentials credentials;
        while ((credentials = issued.poll()) != null) {
            credentials.close();
        }
    }

    private TeleportCredentials issue(TeleportCredentials credentials) {
        issued.add(credentials);
        return credentials;
    }

    /** The cluster if it is active: as read earlier in this run when it was active then, else read now. */
    private Either<ProviderError, LiveResource> activeCluster(ClusterTarget.Parent parent, String name) {
        LiveResource known = clusters.get(name);
        if (known != null && WorkloadClusterStatus.of(known.document()).active()) {
            return Either.right(known);
        }
        return get(parent, ResourceKind.WORKLOAD_CLUSTER, name).flatMap(cluster -> {
            WorkloadClusterStatus status = WorkloadClusterStatus.of(cluster.document());
            return status.active() ? Either.right(cluster) : Either.left(new ProviderError.ConnectionProblem(
                    "workload cluster " + name + " is not active yet (state: "
                            + (status.state().isEmpty() ? "none" : status.state()) + ")"));
        });
    }

    private static String proxyOf(String name, JsonNode cluster) {
        return cluster.path("status").path("domain").asString(name + ".teleport.sh") + ":443";
    }

    private Either<ProviderError, LiveResource> one(Endpoint endpoint, ResourceKind kind, String name) {
        return tctl.get(endpoint, kind.kind() + "/" + name).flatMap(documents -> documents.isEmpty()
                ? Either.left(new ProviderError.NotFound(kind.kind() + " \"" + name + "\" is not found"))
                : Either.right(live(kind, documents.getFirst())));
    }

    private Either<ProviderError, Endpoint> endpoint(ClusterTarget target) {
        return switch (target) {
            case ClusterTarget.Parent parent -> parent.credentials().isPresent() ? endpoint(parent.credentials().get())
                    : parentProxy().map(proxy -> new Endpoint(proxy, config.parentIdentityFile()));
            case ClusterTarget.Child child -> endpoint(child.credentials());
        };
    }

    /** Where credentials this provider issued reach their cluster, while they are open. */
    private static Either<ProviderError, Endpoint> endpoint(ClusterCredentials held) {
        return held instanceof TeleportCredentials credentials ? credentials.endpoint()
                : Either.left(new ProviderError.BadParameter("credentials of another provider: " + held.describe()));
    }

    private Either<ProviderError, String> parentProxy() {
        return config.parentProxy().<Either<ProviderError, String>>map(Either::right)
                .orElseGet(() -> Either.left(new ProviderError.BadParameter("parent.proxy is not set: the teleport "
                        + "provider needs the parent cluster's proxy address")));
    }

    private String plural(ResourceKind kind) {
        return kind.kind() + "s";
    }

    private static Optional<ResourceKind> kindOf(ObjectNode document) {
        return ResourceKind.of(document.path("kind").asString(""));
    }

    private static String nameOf(ObjectNode document) {
        return document.path("metadata").path("name").asString("");
    }

    private static ProviderError unsupported(ObjectNode document) {
        return new ProviderError.BadParameter("creating resources of type \"" + document.path("kind").asString("")
                + "\" is not supported");
    }

    private static LiveResource live(ResourceKind kind, ObjectNode document) {
        return new LiveResource(kind, nameOf(document), document);
    }
}
