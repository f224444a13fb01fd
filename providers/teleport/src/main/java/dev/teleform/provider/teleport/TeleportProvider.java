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
 * several kinds are one {@code tctl get roles,users}; writes under way together to one cluster are one
 * {@code tctl create} and one {@code tctl get} ({@link WriteBatcher}); a bootstrap runs only tbot when
 * the cluster was read active earlier in the run; a bot's permissions come from its role as listed.
 * So a plan spawns a few processes per workload cluster, however many resources it holds.
 */
final class TeleportProvider implements Provider {

    /** {@code tctl users reset} refuses more (TELEPORT.md §3). */
    static final Duration LONGEST_RESET_LINK = Duration.ofHours(24);
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
                        && held.describe().equals("bot " + resource.name())) {
                    held.botRole(resource.document());
                }
            }
        }
        return resource;
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

    /** Links come from {@code tctl users reset}, which allows at most 24h: a plan refuses a longer invite.ttl. */
    @Override
    public Duration longestInvite() {
        return LONGEST_RESET_LINK;
    }

    /**
     * {@code tctl users reset NAME --ttl T}: for a user created without a password, the link sets one
     * (TELEPORT.md §3). tctl allows at most 24h, so a longer {@code invite.ttl} is refused here.
     */
    @Override
    public Either<ProviderError, InviteLink> invite(ClusterTarget target, String user, Duration ttl) {
        if (ttl.compareTo(LONGEST_RESET_LINK) > 0) {
            return Either.left(new ProviderError.BadParameter("invite.ttl " + GoDuration.format(ttl) + " is longer "
                    + "than tctl users reset allows (24h); set invite.ttl to 24h or less"));
        }
        Instant now = config.clock().instant();
        return endpoint(target).flatMap(endpoint -> tctl.run(endpoint, List.of("users", "reset", user, "--ttl",
                GoDuration.format(ttl)), Optional.empty())).flatMap(printed -> {
                    Matcher link = LINK.matcher(printed);
                    if (!link.find()) {
                        return Either.left(new ProviderError.BadParameter("tctl users reset printed no link"));
                    }
                    return Either.right(new InviteLink(target.clusterName(), user, URI.create(link.group()),
                            now.plus(ttl)));
                });
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
                String who = child.credentials().describe();
                if (!who.startsWith("bot ")) {
                    yield endpoint(target).map(endpoint -> EnumSet.allOf(Verb.class));
                }
                Optional<ObjectNode> known = child.credentials() instanceof TeleportCredentials held ? held.botRole()
                        : Optional.empty();
                if (known.isPresent()) {
                    yield endpoint(target).map(endpoint -> RoleRules.verbs(List.of(known.get()), kind.kind()));
                }
                yield get(target, ResourceKind.ROLE, who.substring(4))
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
