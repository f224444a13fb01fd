package dev.teleform.provider.simulator.cloud;

import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.RoleRules;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import dev.teleform.provider.simulator.store.SimStore;
import io.vavr.control.Either;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server side of the simulated Teleport Cloud: the parent cluster and its workload clusters,
 * with Teleport's semantics for every call an authenticated {@link Caller} makes: RBAC, the
 * server's checks and wording, defaults on write, immutable workload cluster specs, asynchronous
 * provisioning, and deletion with a restore window. Counting calls and injecting faults is its
 * callers' job, through {@link Faults}, not this class's.
 */
public final class SimulatedCloud {

    public static final String WORKLOAD_CLUSTER = "workload_cluster";
    public static final String ROLE = "role";
    public static final String USER = "user";
    /**
     * The simulator's grace period for a deleted workload cluster. Teleport Cloud's is its own to
     * decide (14–15 days: the seed says 15, Teleport's docs 14); the simulator takes the longer, so
     * nothing tested against it expects a name back early.
     */
    static final Duration RESTORE_WINDOW = Duration.ofDays(15);
    public static final Duration BOT_CERTIFICATE_TTL = Duration.ofHours(1);
    static final Duration MAX_INVITE_TTL = Duration.ofHours(48);
    static final Duration MAX_RESET_TTL = Duration.ofHours(24);
    private static final String CLUSTER_TIMES = "workload_cluster_times";
    private static final String DELETION = "deletion";
    private static final String RESET_TOKEN = "reset_token";
    /** A user's registered MFA device ({@code user}, {@code metadata.name}); a reset deletes them all. */
    static final String MFA_DEVICE = "mfa_device";
    public static final String PARENT_PROXY = "teleform-sim.teleport.sh:443";
    /** The parent's authentication preference: what {@code teleform sim admin-mfa} sets. */
    private static final String AUTH_PREFERENCE = "cluster_auth_preference";
    private static final String AUTH_PREFERENCE_NAME = "cluster-auth-preference";
    /**
     * Teleport's answer to an admin action made without MFA while MFA for admin actions is required
     * ({@code ErrAdminActionMFARequired}, {@code api/mfa/mfa.go}), an access-denied error.
     */
    public static final String ADMIN_MFA_REQUIRED = "admin-level API request requires MFA verification";

    /** How a write treats an existing object of the same name. */
    public enum WriteMode { CREATE, UPSERT, UPDATE }

    private final SimStore store;
    private final InstantSource clock;
    private final Duration provisioningDelay;
    /** Above 0: a new cluster is ready at this read of it rather than after the delay ({@code provisioning_reads}). */
    private final int provisioningReads;
    /** Whether the bot of a new workload cluster is refused {@code list} ({@code simulator.deny_bot_list}). */
    private final boolean denyBotList;
    private final Function<String, Provisioning> provisioningMode;
    private final Identities identities;

    /** @param options the stack's {@code simulator} settings: provisioning delay, and whether bots may list */
    public SimulatedCloud(SimStore store, InstantSource clock, ProviderConfig.SimulatorOptions options,
            Function<String, Provisioning> provisioningMode) {
        this.store = store;
        this.clock = clock;
        this.provisioningDelay = options.provisioningDelay();
        this.provisioningReads = options.provisioningReads();
        this.denyBotList = options.denyBotList();
        this.provisioningMode = provisioningMode;
        this.identities = new Identities(store);
        initialise();
    }

    SimStore store() {
        return store;
    }

    public Identities identities() {
        return identities;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Creates the parent cluster's preset roles on first use of a data directory. */
    private void initialise() {
        if (store.exists(SimStore.PARENT, ROLE, "editor")) {
            return;
        }
        store.locked(SimStore.PARENT, () -> {
            if (!store.exists(SimStore.PARENT, ROLE, "editor")) {
                Presets.roles().forEach(role -> store.write(SimStore.PARENT, ROLE, name(role), role));
            }
            return null;
        });
    }

    // ---- reads

    public Either<ProviderError, List<ObjectNode>> list(Caller caller, String kind) {
        return guard(caller, kind, Verb.LIST).flatMap(ok -> guard(caller, kind, Verb.READ))
                .map(ok -> store.list(caller.cluster(), kind).stream().map(this::read).toList());
    }

    public Either<ProviderError, ObjectNode> get(Caller caller, String kind, String name) {
        return guard(caller, kind, Verb.READ).flatMap(ok -> store.read(caller.cluster(), kind, name)
                .<Either<ProviderError, ObjectNode>>map(found -> Either.right(read(found)))
                .orElseGet(() -> Either.left(notFound(kind, name, false))));
    }

    /**
     * Those of {@code names} that exist, as a get of several names returns them: each name needs {@code read}
     * only, where a listing needs {@code list} too.
     */
    public Either<ProviderError, List<ObjectNode>> getNamed(Caller caller, String kind, Collection<String> names) {
        return guard(caller, kind, Verb.READ).map(ok -> names.stream()
                .flatMap(name -> store.read(caller.cluster(), kind, name).stream()).map(this::read).toList());
    }

    public Either<ProviderError, WorkloadClusterStatus> status(Caller caller, String name) {
        return get(caller, WORKLOAD_CLUSTER, name).map(found -> statusOf(name));
    }

    // ---- writes

    public Either<ProviderError, ObjectNode> write(Caller caller, WriteMode mode, ObjectNode document) {
        String kind = document.path("kind").asString("");
        Optional<ProviderError> invalid = switch (kind) {
            case WORKLOAD_CLUSTER -> TeleportChecks.workloadCluster(document);
            case ROLE -> TeleportChecks.role(document);
            case USER -> TeleportChecks.user(document);
            default -> Optional.of(new ProviderError.BadParameter("creating resources of type \"" + kind
                    + "\" is not supported"));
        };
        if (invalid.isPresent()) {
            return Either.left(invalid.get());
        }
        Either<ProviderError, Boolean> allowed = switch (mode) {
            case CREATE -> guard(caller, kind, Verb.CREATE);
            case UPDATE -> guard(caller, kind, Verb.UPDATE);
            case UPSERT -> guard(caller, kind, Verb.CREATE).flatMap(ok -> guard(caller, kind, Verb.UPDATE));
        };
        return allowed.flatMap(ok -> adminAction(caller))
                .flatMap(ok -> store.locked(caller.cluster(), () -> writeLocked(caller, mode, kind, document)));
    }

    private Either<ProviderError, ObjectNode> writeLocked(Caller caller, WriteMode mode, String kind, ObjectNode document) {
        String name = name(document);
        Optional<ObjectNode> existing = store.read(caller.cluster(), kind, name);
        if (mode == WriteMode.CREATE && existing.isPresent()) {
            return Either.left(alreadyExists(kind, name));
        }
        if (mode == WriteMode.UPDATE && existing.isEmpty()) {
            return Either.left(notFound(kind, name, false));
        }
        Either<ProviderError, ObjectNode> written = switch (kind) {
            case WORKLOAD_CLUSTER -> writeWorkloadCluster(mode, document, existing);
            case USER -> writeUser(caller, document, existing);
            default -> {
                ObjectNode stored = stripped(document);
                ServerDefaults.role(stored);
                yield store(caller.cluster(), kind, stored);
            }
        };
        if (existing.isEmpty() && written.isRight()) {
            store.calls().created(kind);
        }
        return written;
    }

    private Either<ProviderError, ObjectNode> writeUser(Caller caller, ObjectNode document, Optional<ObjectNode> existing) {
        for (JsonNode role : document.path("spec").path("roles")) {
            if (!store.exists(caller.cluster(), ROLE, role.asString(""))) {
                return Either.left(new ProviderError.NotFound("role " + role.asString("") + " is not found"));
            }
        }
        ObjectNode stored = stripped(document);
        if (existing.isEmpty()) {
            ServerDefaults.newUser(stored, caller.user(), now());
        } else {
            ObjectNode spec = ServerDefaults.object(stored, "spec");
            spec.set("created_by", existing.get().path("spec").path("created_by").deepCopy());
            spec.set("status", existing.get().path("spec").path("status").deepCopy());
            stored.set("status", existing.get().path("status").deepCopy());
            ServerDefaults.user(stored);
        }
        return store(caller.cluster(), USER, stored);
    }

    /**
     * Teleport Cloud's semantics: the spec of an existing cluster never changes; upsert of the same
     * spec returns the cluster untouched; a new cluster starts provisioning and gets its bot.
     */
    private Either<ProviderError, ObjectNode> writeWorkloadCluster(WriteMode mode, ObjectNode document,
            Optional<ObjectNode> existing) {
        String name = name(document);
        if (existing.isPresent()) {
            if (!existing.get().path("spec").equals(document.path("spec"))) {
                return Either.left(new ProviderError.BadParameter("workload cluster \"" + name + "\" cannot be "
                        + "changed: Teleport Cloud rejects any change to an existing cluster's configuration"));
            }
            return Either.right(withStatus(existing.get()));
        }
        Optional<ObjectNode> deletion = store.read(SimStore.PARENT, DELETION, name);
        if (deletion.isPresent() && now().isBefore(Instant.parse(deletion.get().path("restorable_until").asString()))) {
            return Either.left(new ProviderError.AlreadyExists("workload cluster \"" + name + "\" was deleted at "
                    + deletion.get().path("deleted_at").asString() + " and stays suspended until "
                    + deletion.get().path("restorable_until").asString() + "; restore it or choose another name"));
        }
        Instant now = now();
        ObjectNode times = JsonNodeFactory.instance.objectNode();
        times.put("created_at", now.toString());
        times.put("ready_at", now.plus(provisioningDelay).toString());
        if (provisioningReads > 0) {
            times.put("ready_at_read", provisioningReads).put("reads", 0);
        }
        store.write(SimStore.PARENT, CLUSTER_TIMES, name, times);
        createChildCluster(name, document);
        ObjectNode stored = stripped(document);
        ServerDefaults.workloadCluster(stored);
        return store(SimStore.PARENT, WORKLOAD_CLUSTER, stored).map(this::withStatus);
    }

    private void createChildCluster(String name, ObjectNode cluster) {
        store.locked(name, () -> {
            Presets.roles().forEach(role -> store.write(name, ROLE, name(role), role));
            String botName = cluster.path("spec").path("bot").path("name").asString("");
            if (!botName.isEmpty()) {
                store.write(name, ROLE, botName, Presets.botRole(botName, !denyBotList));
                store.write(name, "bot", botName, Presets.bot(botName));
                ObjectNode botsRole = Presets.botsOwnRole(botName);
                store.write(name, ROLE, name(botsRole), botsRole);
                ObjectNode botsUser = Presets.botsOwnUser(botName, now());
                store.write(name, USER, name(botsUser), botsUser);
                JsonNode token = cluster.path("spec").path("token");
                store.write(name, "token", botName, Presets.joinToken(botName,
                        token instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode()));
            }
            return null;
        });
    }

    /** Deletes; for a workload cluster, the result is when it was suspended (it is restorable from then). */
    public Either<ProviderError, Optional<Instant>> delete(Caller caller, String kind, String name) {
        return guard(caller, kind, Verb.DELETE).flatMap(ok -> adminAction(caller))
                .flatMap(ok -> store.locked(caller.cluster(), () -> deleteLocked(caller, kind, name)));
    }

    private Either<ProviderError, Optional<Instant>> deleteLocked(Caller caller, String kind, String name) {
        if (!store.exists(caller.cluster(), kind, name)) {
            return Either.left(notFound(kind, name, true));
        }
        if (ROLE.equals(kind)) {
            Optional<String> user = usersOf(caller.cluster(), name);
            if (user.isPresent()) {
                return Either.left(new ProviderError.BadParameter(
                        "failed to delete role that still in use by a user. Check system server logs for more details."));
            }
        }
        store.delete(caller.cluster(), kind, name);
        if (!WORKLOAD_CLUSTER.equals(kind)) {
            return Either.right(Optional.empty());
        }
        Instant now = now();
        Instant restorable = now.plus(RESTORE_WINDOW);
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("name", name);
        record.put("deleted_at", now.toString());
        record.put("restorable_until", restorable.toString());
        record.put("archive", name + "-" + now.toEpochMilli());
        store.write(SimStore.PARENT, DELETION, name, record);
        store.delete(SimStore.PARENT, CLUSTER_TIMES, name);
        store.archiveCluster(name, record.path("archive").asString());
        return Either.right(Optional.of(now));
    }

    private Optional<String> usersOf(String cluster, String role) {
        return store.list(cluster, USER).stream()
                .filter(user -> {
                    for (JsonNode held : user.path("spec").path("roles")) {
                        if (role.equals(held.asString(""))) {
                            return true;
                        }
                    }
                    return false;
                })
                .map(SimulatedCloud::name).findFirst();
    }

    // ---- identities, invites, permissions

    /**
     * The IAM join of a workload cluster's bot: succeeds when the cluster is active and the caller's
     * AWS identity matches an allow rule of the join token named after the bot.
     */
    public Either<ProviderError, Caller> joinAsBot(String cluster, String awsAccount, String awsArn) {
        Either<ProviderError, Boolean> reachable = reachable(cluster);
        if (reachable.isLeft()) {
            return Either.left(reachable.getLeft());
        }
        ObjectNode spec = (ObjectNode) store.read(SimStore.PARENT, WORKLOAD_CLUSTER, cluster).orElseThrow().path("spec");
        String botName = spec.path("bot").path("name").asString("");
        Optional<ObjectNode> token = botName.isEmpty() ? Optional.empty() : store.read(cluster, "token", botName);
        if (token.isEmpty()) {
            return Either.left(new ProviderError.AccessDenied("workload cluster \"" + cluster
                    + "\" has no bot join token: spec.bot and spec.token were not set when it was created"));
        }
        for (JsonNode rule : token.get().path("spec").path("allow")) {
            if (rule.path("aws_account").asString("").equals(awsAccount)
                    && Globs.matches(rule.path("aws_arn").asString(""), awsArn)) {
                return Either.right(new Caller(cluster, Presets.botResourceName(botName), List.of(botName), true));
            }
        }
        return Either.left(new ProviderError.AccessDenied("failed to join " + Provisioning.domain(cluster)
                + ": IAM identity " + awsArn + " of account " + awsAccount + " does not match any allow rule of token \""
                + botName + "\""));
    }

    /**
     * What {@code tctl users add} does: creates the user, then its sign-up link ({@code /web/invite/}, up to 48h).
     * As in Teleport, the user is made before the link is asked for, so a link that cannot be made (a longer TTL)
     * leaves the user made without one.
     */
    public Either<ProviderError, NewUser> addUser(Caller caller, ObjectNode user, Duration ttl) {
        if (user.path("spec").path("roles").isEmpty()) {
            return Either.left(new ProviderError.BadParameter("required flag --roles not provided"));
        }
        return write(caller, WriteMode.CREATE, user)
                // CreateUser's own wording (lib/services/local/users.go), where tctl create checks first and says "exists"
                .mapLeft(error -> error instanceof ProviderError.AlreadyExists
                        ? new ProviderError.AlreadyExists("user \"" + name(user) + "\" already registered") : error)
                .flatMap(made -> link(caller, name(made), ttl, "invite", MAX_INVITE_TTL)
                        .map(grant -> new NewUser(get(caller, USER, name(made)).getOrElse(made), grant)));
    }

    /** A user {@link #addUser} made, as now stored, and its sign-up link. */
    public record NewUser(ObjectNode user, InviteGrant link) {}

    /**
     * A Machine ID bot joining the parent with {@code join}: the simulator takes the machine to hold the proof the
     * method needs (as it takes {@code spec.simulator.aws} for the IAM join; the tbot stand-in checks the
     * variables a github join reads) and the parent's administrator to have made the bot and its token: the bot
     * is named after the token and holds the preset {@code editor} role. A bot needs no MFA for admin actions.
     */
    public Caller joinParentAsBot(BotJoin join) {
        return new Caller(SimStore.PARENT, Presets.botResourceName(join.token()), List.of("editor"), true);
    }

    /** Whether the parent requires MFA for admin actions (off unless {@code teleform sim admin-mfa on}). */
    public boolean adminMfaRequired() {
        return store.read(SimStore.PARENT, AUTH_PREFERENCE, AUTH_PREFERENCE_NAME)
                .map(preference -> preference.path("spec").path("admin_mfa").asBoolean(false)).orElse(false);
    }

    void adminMfa(boolean required) {
        ObjectNode preference = JsonNodeFactory.instance.objectNode();
        preference.putObject("metadata").put("name", AUTH_PREFERENCE_NAME);
        preference.putObject("spec").put("admin_mfa", required);
        store.write(SimStore.PARENT, AUTH_PREFERENCE, AUTH_PREFERENCE_NAME, preference);
    }

    /**
     * Teleport's check of an admin action (a write, a delete, a reset link) in the parent while MFA for admin
     * actions is required: a person must have passed MFA, which a Teleform run cannot; a bot is exempt
     * (TELEPORT.md §6, "Admin-action MFA").
     */
    private Either<ProviderError, Boolean> adminAction(Caller caller) {
        if (caller.inParent() && !caller.bot() && !caller.mfaVerified() && adminMfaRequired()) {
            return Either.left(new ProviderError.AccessDenied(ADMIN_MFA_REQUIRED));
        }
        return Either.right(true);
    }

    /** What {@code tctl users reset} gives: a link to set a password ({@code /web/reset/}, up to 24h). */
    public Either<ProviderError, InviteGrant> resetLink(Caller caller, String user, Duration ttl) {
        return link(caller, user, ttl, "reset", MAX_RESET_TTL);
    }

    private Either<ProviderError, InviteGrant> link(Caller caller, String user, Duration ttl, String type,
            Duration longest) {
        if (ttl.isNegative()) {
            return Either.left(new ProviderError.BadParameter("TTL can't be negative"));
        }
        if (ttl.compareTo(longest) > 0) {
            // Teleport's wording (lib/auth/authclient CreateUserTokenRequest.CheckAndSetDefaults), unit and all
            return Either.left(new ProviderError.BadParameter("failed to create user token for reset password"
                    + (type.equals("invite") ? " invite" : "") + ": maximum token TTL is "
                    + GoDuration.goString(longest) + " hours"));
        }
        return guard(caller, USER, Verb.UPDATE).flatMap(ok -> adminAction(caller)).flatMap(ok -> {
            if (!store.exists(caller.cluster(), USER, user)) {
                return Either.left(notFound(USER, user, false));
            }
            resetCredentials(caller.cluster(), user);
            String token = Identities.newSecret(16);
            Instant expires = now().plus(ttl);
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            record.putObject("metadata").put("name", Identities.hash(token));
            record.put("user", user);
            record.put("type", type);
            record.put("expires", expires.toString());
            store.write(caller.cluster(), RESET_TOKEN, Identities.hash(token), record);
            return Either.right(new InviteGrant(URI.create("https://" + proxyOf(caller.cluster()) + "/web/" + type + "/"
                    + token), expires));
        });
    }

    /**
     * What Teleport's CreateResetPasswordToken does first, for invite and reset tokens alike
     * (lib/auth/usertoken.go): the user's password, every MFA device and the user's earlier tokens are
     * deleted, so the new link is the only way in.
     */
    private void resetCredentials(String cluster, String user) {
        store.locked(cluster, () -> {
            for (ObjectNode token : store.list(cluster, RESET_TOKEN)) {
                if (user.equals(token.path("user").asString(""))) {
                    store.delete(cluster, RESET_TOKEN, token.path("metadata").path("name").asString(""));
                }
            }
            for (ObjectNode device : store.list(cluster, MFA_DEVICE)) {
                if (user.equals(device.path("user").asString(""))) {
                    store.delete(cluster, MFA_DEVICE, name(device));
                }
            }
            store.read(cluster, USER, user).ifPresent(found -> {
                ObjectNode unset = JsonNodeFactory.instance.objectNode().put("password_state", "PASSWORD_STATE_UNSET")
                        .put("mfa_weakest_device", "MFA_DEVICE_KIND_UNSET");
                // a user just added has neither: rewriting it the same is the dearest write of an invite
                if (!unset.equals(found.path("status"))) {
                    found.set("status", unset);
                    store.write(cluster, USER, user, found);
                }
            });
            return null;
        });
    }

    /** The proxy address of a cluster: {@code <name>.teleport.sh:443}, the parent's a fixed one. */
    static String proxyOf(String cluster) {
        return SimStore.PARENT.equals(cluster) ? PARENT_PROXY : Provisioning.domain(cluster) + ":443";
    }

    /** An invite link and when it stops working. */
    public record InviteGrant(URI url, Instant expires) {}

    public Either<ProviderError, Set<Verb>> permissions(Caller caller, String kind) {
        return reachable(caller).map(ok -> RoleRules.verbs(rolesOf(caller), kind));
    }

    // ---- helpers

    /** Reachability, then Teleport's rule check for {@code verb} on {@code kind}. */
    private Either<ProviderError, Boolean> guard(Caller caller, String kind, Verb verb) {
        // A bot is a Teleport user, so the API's "only available to users" (authz.IsLocalOrRemoteUser) lets it in.
        if (WORKLOAD_CLUSTER.equals(kind) && !caller.inParent()) {
            return Either.left(new ProviderError.BadParameter("workload clusters exist only in the parent cluster"));
        }
        return reachable(caller).flatMap(ok -> RoleRules.verbs(rolesOf(caller), kind).contains(verb)
                ? Either.<ProviderError, Boolean>right(true)
                : Either.left(new ProviderError.AccessDenied(RoleRules.denied(verb, kind))));
    }

    private Either<ProviderError, Boolean> reachable(Caller caller) {
        return caller.inParent() ? Either.right(true) : reachable(caller.cluster());
    }

    /** A workload cluster answers only while it exists and is active. */
    private Either<ProviderError, Boolean> reachable(String cluster) {
        if (!store.exists(SimStore.PARENT, WORKLOAD_CLUSTER, cluster)) {
            return Either.left(new ProviderError.NotFound("workload cluster \"" + cluster + "\" is not found"));
        }
        WorkloadClusterStatus status = statusOf(cluster);
        if (!status.active()) {
            return Either.left(new ProviderError.ConnectionProblem("cannot reach " + Provisioning.domain(cluster)
                    + ":443: the cluster is not active yet (state: " + (status.state().isEmpty() ? "none" : status.state())
                    + ")"));
        }
        return Either.right(true);
    }

    private List<JsonNode> rolesOf(Caller caller) {
        List<JsonNode> roles = new ArrayList<>();
        for (String role : caller.roles()) {
            store.read(caller.cluster(), ROLE, role).ifPresent(roles::add);
        }
        return roles;
    }

    WorkloadClusterStatus statusOf(String cluster) {
        Optional<ObjectNode> times = store.read(SimStore.PARENT, CLUSTER_TIMES, cluster);
        if (times.isEmpty()) {
            return new WorkloadClusterStatus("", Optional.empty());
        }
        JsonNode recorded = times.get();
        Provisioning.Stage stage = recorded.has("ready_at_read")
                ? Provisioning.byReads(recorded.path("reads").asLong(), recorded.path("ready_at_read").asLong())
                : Provisioning.byTime(Instant.parse(recorded.path("created_at").asString()),
                        Instant.parse(recorded.path("ready_at").asString()), now());
        return provisioningMode.apply(cluster).status(cluster, stage);
    }

    /**
     * A document as a read (a get or a listing) returns it. A workload cluster that provisions by reads counts
     * this one, under the parent's lock so that processes reading at once each count; every other document is
     * returned as it is stored.
     */
    private ObjectNode read(ObjectNode document) {
        if (WORKLOAD_CLUSTER.equals(document.path("kind").asString(""))) {
            String name = name(document);
            Optional<ObjectNode> times = store.read(SimStore.PARENT, CLUSTER_TIMES, name);
            if (times.isPresent() && times.get().has("ready_at_read")
                    && times.get().path("reads").asLong() < times.get().path("ready_at_read").asLong()) {
                store.locked(SimStore.PARENT, () -> {
                    store.read(SimStore.PARENT, CLUSTER_TIMES, name).ifPresent(current -> {
                        current.put("reads", current.path("reads").asLong() + 1);
                        store.write(SimStore.PARENT, CLUSTER_TIMES, name, current);
                    });
                    return null;
                });
            }
        }
        return withStatus(document);
    }

    /** A workload cluster as Get returns it, with the live status (absent right after creation). */
    private ObjectNode withStatus(ObjectNode document) {
        if (!WORKLOAD_CLUSTER.equals(document.path("kind").asString(""))) {
            return document;
        }
        WorkloadClusterStatus status = statusOf(name(document));
        ObjectNode copy = document.deepCopy();
        if (!status.state().isEmpty()) {
            ObjectNode node = copy.putObject("status");
            node.put("state", status.state());
            status.domain().ifPresent(domain -> node.put("domain", domain));
        }
        return copy;
    }

    private Either<ProviderError, ObjectNode> store(String cluster, String kind, ObjectNode stored) {
        ServerDefaults.newRevision(stored);
        store.write(cluster, kind, name(stored), stored);
        return Either.right(stored);
    }

    /** The written document without what only the server may set. */
    private static ObjectNode stripped(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove("status");
        ServerDefaults.metadata(copy).remove("revision");
        return copy;
    }

    public static String name(JsonNode document) {
        return document.path("metadata").path("name").asString("");
    }

    /** Teleport's not-found wording differs by kind and by call (get vs. delete). */
    static ProviderError notFound(String kind, String name, boolean onDelete) {
        return new ProviderError.NotFound(switch (kind) {
            case ROLE -> onDelete ? "role \"" + name + "\" is not found" : "role " + name + " is not found";
            case USER -> "user \"" + name + "\" not found";
            case WORKLOAD_CLUSTER -> "workload cluster \"" + name + "\" is not found";
            default -> kind + " \"" + name + "\" is not found";
        });
    }

    static ProviderError alreadyExists(String kind, String name) {
        String what = WORKLOAD_CLUSTER.equals(kind) ? "workload cluster" : kind;
        return new ProviderError.AlreadyExists(what + " \"" + name + "\" already exists");
    }

    /** Runs {@code action} as an out-of-band administrator of {@code cluster} (for {@code teleform sim}). */
    <T> T asConsole(String cluster, Supplier<T> action) {
        return store.locked(cluster, action);
    }
}
