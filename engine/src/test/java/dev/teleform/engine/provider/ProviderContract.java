package dev.teleform.engine.provider;

import dev.teleform.engine.addr.ResourceKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every provider must do, as Teleport does it (../shared/TELEPORT.md). A provider's test
 * extends this class and says how to get a fresh provider against a Teleport whose parent cluster
 * holds only its presets, and how to let a new workload cluster finish provisioning. Teleport Cloud
 * promises a workload cluster's bot create, read and update on users and roles, not list: each
 * provider runs the contract both ways ({@link #botMayList()}).
 */
public abstract class ProviderContract {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    protected Provider provider;
    private final ClusterTarget.Parent parent = ClusterTarget.parent();

    /** A provider against an empty Teleport: presets only, and an identity allowed everything in the parent. */
    protected abstract Provider newProvider();

    /** Lets {@code cluster} finish provisioning (the simulator moves its clock; a live test waits). */
    protected abstract void provision(String cluster);

    /** The IAM allow rule ({@code aws_account}, {@code aws_arn}) that the provider's own AWS identity matches. */
    protected abstract ObjectNode matchingAllowRule();

    /**
     * Whether the bot Teleport makes in a new workload cluster may list users and roles. Teleport Cloud does not
     * promise it, so a provider's contract runs once with and once without.
     */
    protected boolean botMayList() {
        return true;
    }

    /** The verbs the bot of a new workload cluster holds on users and roles. */
    private Set<Verb> botVerbs() {
        return botMayList() ? EnumSet.of(Verb.LIST, Verb.READ, Verb.CREATE, Verb.UPDATE)
                : EnumSet.of(Verb.READ, Verb.CREATE, Verb.UPDATE);
    }

    /**
     * How a Machine ID bot of this provider's machine joins the parent, or empty where the test cannot give the
     * bot what its method needs (the teleport provider's github join needs the job's variables, which only a
     * process started with them has: its end-to-end test covers it).
     */
    protected Optional<BotJoin> parentJoin() {
        return Optional.of(new BotJoin("github", "teleform-ci"));
    }

    /** An allow rule the provider's AWS identity does not match. */
    protected ObjectNode otherAllowRule() {
        return NODES.objectNode().put("aws_account", "999999999999").put("aws_arn", "arn:aws:iam::999999999999:role/x");
    }

    /** The provider's present: a provider on a test clock overrides this, so no check depends on today's date. */
    protected Instant now() {
        return Instant.now();
    }

    /** A name no earlier test run has used; live Teleport keeps deleted clusters for its grace period (14–15 days). */
    protected String uniqueClusterName(String base) {
        return base;
    }

    @BeforeEach
    void openProvider() {
        provider = newProvider();
    }

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    // ---- documents

    protected static ObjectNode role(String name) {
        ObjectNode role = NODES.objectNode().put("kind", "role").put("version", "v7");
        role.putObject("metadata").put("name", name);
        role.putObject("spec").putObject("allow").set("logins", NODES.arrayNode().add("ubuntu"));
        return role;
    }

    protected static ObjectNode user(String name, String... roles) {
        ObjectNode user = NODES.objectNode().put("kind", "user").put("version", "v2");
        user.putObject("metadata").put("name", name);
        var list = user.putObject("spec").putArray("roles");
        for (String role : roles) {
            list.add(role);
        }
        return user;
    }

    protected ObjectNode workloadCluster(String name, ObjectNode allowRule) {
        ObjectNode cluster = NODES.objectNode().put("kind", "workload_cluster").put("version", "v1");
        cluster.putObject("metadata").put("name", name);
        ObjectNode spec = cluster.putObject("spec");
        spec.putArray("regions").addObject().put("name", "us-west-2");
        spec.putObject("bot").put("name", name + "-bot");
        ObjectNode token = spec.putObject("token").put("join_method", "iam");
        token.putArray("allow").add(allowRule);
        return cluster;
    }

    /** A workload cluster created, provisioned and joined as its bot. */
    protected ClusterTarget activeChild(String name) {
        ok(provider.create(parent, workloadCluster(name, matchingAllowRule())));
        provision(name);
        return ClusterTarget.child(ok(provider.bootstrap(parent, name)));
    }

    protected static <T> T ok(Either<ProviderError, T> result) {
        return result.getOrElseGet(error -> fail("expected success, got " + error));
    }

    protected static <E extends ProviderError> E failed(Class<E> kind, Either<ProviderError, ?> result) {
        assertTrue(result.isLeft(), () -> "expected " + kind.getSimpleName() + ", got " + result.get());
        return assertInstanceOf(kind, result.getLeft());
    }

    private static List<String> names(List<LiveResource> resources) {
        return resources.stream().map(LiveResource::name).toList();
    }

    // ---- roles and users

    @Test
    void theParentClusterHasTeleportsPresetRoles() {
        List<String> roles = names(ok(provider.list(parent, ResourceKind.ROLE)));
        assertTrue(roles.containsAll(List.of("editor", "access", "auditor")), roles::toString);
    }

    @Test
    void createsReadsUpdatesAndDeletesARole() {
        LiveResource created = ok(provider.create(parent, role("contract-dev")));
        assertFalse(created.revision().isEmpty(), "the server sets metadata.revision");
        assertEquals(created.document(), ok(provider.get(parent, ResourceKind.ROLE, "contract-dev")).document());

        ObjectNode changed = role("contract-dev");
        changed.withObjectProperty("spec").withObjectProperty("allow").putArray("logins").add("root");
        LiveResource updated = ok(provider.update(parent, changed));
        assertEquals("root", updated.document().at("/spec/allow/logins/0").asString());
        assertNotEquals(created.revision(), updated.revision());

        ok(provider.delete(parent, ResourceKind.ROLE, "contract-dev"));
        failed(ProviderError.NotFound.class, provider.get(parent, ResourceKind.ROLE, "contract-dev"));
        failed(ProviderError.NotFound.class, provider.delete(parent, ResourceKind.ROLE, "contract-dev"));
    }

    @Test
    void creatingWhatExistsIsAlreadyExistsAndUpdatingWhatDoesNotIsNotFound() {
        ok(provider.create(parent, role("contract-twice")));
        var exists = failed(ProviderError.AlreadyExists.class, provider.create(parent, role("contract-twice")));
        assertTrue(exists.message().contains("already exists"), exists.message());
        failed(ProviderError.NotFound.class, provider.update(parent, role("contract-never")));
        ok(provider.upsert(parent, role("contract-twice")));
    }

    @Test
    void aReadReturnsTheServersDefaultsBesideWhatWasWritten() {
        ok(provider.create(parent, role("contract-defaults")));
        ObjectNode read = ok(provider.get(parent, ResourceKind.ROLE, "contract-defaults")).document();
        assertEquals("ubuntu", read.at("/spec/allow/logins/0").asString(), "what was written is kept");
        assertEquals("30h0m0s", read.at("/spec/options/max_session_ttl").asString());
        assertEquals("standard", read.at("/spec/options/cert_format").asString());
        assertTrue(read.at("/spec/options/forward_agent").isBoolean());
    }

    @Test
    void usersRecordWhoCreatedThemAndNeedTheirRoles() {
        var missing = failed(ProviderError.NotFound.class, provider.create(parent, user("contract-bob", "no-such-role")));
        assertTrue(missing.message().contains("no-such-role"), missing.message());
        ObjectNode created = ok(provider.create(parent, user("contract-alice", "access"))).document();
        assertFalse(created.at("/spec/created_by/user/name").asString("").isEmpty());
        ObjectNode updated = ok(provider.update(parent, user("contract-alice", "access", "auditor"))).document();
        assertEquals(created.at("/spec/created_by"), updated.at("/spec/created_by"), "an update keeps created_by");
        assertEquals(2, updated.at("/spec/roles").size());
        failed(ProviderError.NotFound.class, provider.get(parent, ResourceKind.USER, "contract-nobody"));
    }

    // ---- workload clusters

    @Test
    void aWorkloadClusterIsNotActiveUntilProvisioned() {
        String name = uniqueClusterName("wc-provision");
        ok(provider.create(parent, workloadCluster(name, matchingAllowRule())));
        assertFalse(ok(provider.status(parent, name)).active());
        failed(ProviderError.ConnectionProblem.class, provider.bootstrap(parent, name));
        provision(name);
        WorkloadClusterStatus status = ok(provider.status(parent, name));
        assertTrue(status.active(), status::toString);
        assertEquals(name + ".teleport.sh", status.domain().orElseThrow());
        assertEquals("active", ok(provider.get(parent, ResourceKind.WORKLOAD_CLUSTER, name)).document()
                .at("/status/state").asString());
    }

    @Test
    void aWorkloadClusterSpecNeverChanges() {
        String name = uniqueClusterName("wc-immutable");
        LiveResource created = ok(provider.create(parent, workloadCluster(name, matchingAllowRule())));
        ObjectNode changed = workloadCluster(name, matchingAllowRule());
        changed.withObjectProperty("spec").withArrayProperty("regions").addObject().put("name", "eu-west-1");
        failed(ProviderError.BadParameter.class, provider.update(parent, changed));
        failed(ProviderError.BadParameter.class, provider.upsert(parent, changed));
        LiveResource again = ok(provider.upsert(parent, workloadCluster(name, matchingAllowRule())));
        assertEquals(created.revision(), again.revision(), "an upsert of the same spec changes nothing");
        failed(ProviderError.AlreadyExists.class, provider.create(parent, workloadCluster(name, matchingAllowRule())));
    }

    @Test
    void theServerChecksWorkloadClustersWithTeleportsWords() {
        ObjectNode noRegions = workloadCluster("wc-invalid", matchingAllowRule());
        noRegions.withObjectProperty("spec").putArray("regions");
        assertEquals("regions is required",
                failed(ProviderError.BadParameter.class, provider.create(parent, noRegions)).message());
        ObjectNode emptyRegion = workloadCluster("wc-invalid", matchingAllowRule());
        emptyRegion.withObjectProperty("spec").putArray("regions").addObject().put("name", "");
        assertEquals("region name is required",
                failed(ProviderError.BadParameter.class, provider.create(parent, emptyRegion)).message());
    }

    @Test
    void aDeletedWorkloadClusterIsGoneAndSaysWhenItWasSuspended() {
        String name = uniqueClusterName("wc-delete");
        ok(provider.create(parent, workloadCluster(name, matchingAllowRule())));
        Instant before = now();
        Provider.Deleted deleted = ok(provider.delete(parent, ResourceKind.WORKLOAD_CLUSTER, name));
        Instant suspended = deleted.suspendedAt().orElseThrow();
        assertFalse(suspended.isBefore(before), suspended::toString);
        assertFalse(suspended.isAfter(now()), "the time of deletion, not a deadline: " + suspended);
        failed(ProviderError.NotFound.class, provider.get(parent, ResourceKind.WORKLOAD_CLUSTER, name));
        assertFalse(names(ok(provider.list(parent, ResourceKind.WORKLOAD_CLUSTER))).contains(name));
    }

    // ---- child clusters and their bot

    @Test
    void aNewChildClusterHasThePresetsAndTheBotsRole() {
        String name = uniqueClusterName("wc-child");
        ClusterTarget child = activeChild(name);
        List<String> expected = List.of("editor", "access", name + "-bot");
        List<String> roles = botMayList() ? names(ok(provider.list(child, ResourceKind.ROLE)))
                : names(ok(provider.getNamed(child, Map.of(ResourceKind.ROLE, Set.copyOf(expected)))).get(ResourceKind.ROLE));
        assertTrue(roles.containsAll(expected), roles::toString);
    }

    @Test
    void aBotThatMayNotListIsDeniedTheListingInTeleportsWords() {
        ClusterTarget child = activeChild(uniqueClusterName("wc-nolist"));
        var listed = provider.listKinds(child, EnumSet.of(ResourceKind.ROLE, ResourceKind.USER));
        if (botMayList()) {
            assertTrue(listed.isRight(), () -> "a bot that may list lists: " + listed.getLeft());
            return;
        }
        var denied = failed(ProviderError.AccessDenied.class, listed);
        assertTrue(denied.message().contains("access denied to perform action \"list\" on \"role\""), denied.message());
        failed(ProviderError.AccessDenied.class, provider.list(child, ResourceKind.USER));
    }

    @Test
    void namedResourcesAreReadWithReadAloneAndMissingNamesAreAbsent() {
        ClusterTarget child = activeChild(uniqueClusterName("wc-named"));
        ok(provider.create(child, role("team")));
        ok(provider.create(child, user("carol", "team")));
        Map<ResourceKind, List<LiveResource>> found = ok(provider.getNamed(child, Map.of(
                ResourceKind.ROLE, Set.of("team", "editor", "never-made"),
                ResourceKind.USER, Set.of("carol", "nobody"))));
        assertEquals(Set.of("editor", "team"), Set.copyOf(names(found.get(ResourceKind.ROLE))));
        assertEquals(List.of("carol"), names(found.get(ResourceKind.USER)));
        assertEquals("ubuntu", found.get(ResourceKind.ROLE).stream().filter(r -> r.name().equals("team")).findFirst()
                .orElseThrow().document().at("/spec/allow/logins/0").asString(), "whole documents, as a get returns them");
        assertEquals(Map.of(ResourceKind.USER, List.of()), ok(provider.getNamed(child, Map.of(ResourceKind.USER,
                Set.of("nobody")))), "nothing found is an empty list, not an error");
    }

    @Test
    void theBotCreatesReadsAndUpdatesButCannotDelete() {
        ClusterTarget child = activeChild(uniqueClusterName("wc-bot"));
        ok(provider.create(child, role("team")));
        ok(provider.create(child, user("carol", "team")));
        ok(provider.update(child, user("carol", "team", "access")));
        ok(provider.get(child, ResourceKind.USER, "carol"));
        var denied = failed(ProviderError.AccessDenied.class, provider.delete(child, ResourceKind.USER, "carol"));
        assertEquals("access denied to perform action \"delete\" on \"user\"", denied.message());
        failed(ProviderError.AccessDenied.class, provider.delete(child, ResourceKind.ROLE, "team"));
        assertEquals(botVerbs(), ok(provider.permissions(child, ResourceKind.ROLE)));
        assertEquals(botVerbs(), ok(provider.permissions(child, ResourceKind.USER)));
    }

    @Test
    void theParentIdentityHoldsEveryWorkloadClusterVerb() {
        Set<Verb> verbs = ok(provider.permissions(parent, ResourceKind.WORKLOAD_CLUSTER));
        assertEquals(EnumSet.allOf(Verb.class), verbs);
    }

    @Test
    void aBotThatJoinedTheParentManagesWorkloadClustersAndJoinsTheirBots() {
        assumeTrue(parentJoin().isPresent());
        ClusterCredentials joined = ok(provider.joinParent(parentJoin().get()));
        assertEquals("", joined.cluster());
        assertTrue(joined.expires().isAfter(now()), joined::toString);
        ClusterTarget.Parent bot = ClusterTarget.parent(joined);
        String name = uniqueClusterName("wc-parentbot");
        ok(provider.create(bot, workloadCluster(name, matchingAllowRule())));
        provision(name);
        assertTrue(ok(provider.status(bot, name)).active());
        ClusterTarget child = ClusterTarget.child(ok(provider.bootstrap(bot, name)));
        ok(provider.get(child, ResourceKind.ROLE, "editor"));
        joined.close();
        assertTrue(provider.list(bot, ResourceKind.ROLE).isLeft(), "a closed parent identity reaches nothing");
        assertFalse(joined.toString().contains("teleform-ci"), "no token name in toString");
    }

    @Test
    void anIamJoinThatMatchesNoAllowRuleIsDenied() {
        String name = uniqueClusterName("wc-nojoin");
        ok(provider.create(parent, workloadCluster(name, otherAllowRule())));
        provision(name);
        failed(ProviderError.AccessDenied.class, provider.bootstrap(parent, name));
    }

    @Test
    void closedCredentialsStopWorking() {
        String name = uniqueClusterName("wc-close");
        ok(provider.create(parent, workloadCluster(name, matchingAllowRule())));
        provision(name);
        ClusterCredentials credentials = ok(provider.bootstrap(parent, name));
        ClusterTarget child = ClusterTarget.child(credentials);
        ok(provider.get(child, ResourceKind.ROLE, "editor"));
        credentials.close();
        assertTrue(provider.get(child, ResourceKind.ROLE, "editor").isLeft());
        assertFalse(credentials.toString().contains("identity"), "no identity material in toString");
    }

    @Test
    void anExistingUsersLinkIsAResetLinkThatIsNeverPrinted() {
        String name = uniqueClusterName("wc-invite");
        ClusterTarget child = activeChild(name);
        ok(provider.create(child, role("team")));
        ok(provider.create(child, user("dave", "team")));
        InviteLink link = ok(provider.invite(child, "dave", Duration.ofHours(2)));
        assertEquals(name + ".teleport.sh", link.url().getHost());
        // the only link tctl makes for a user that exists: tctl users reset
        assertTrue(link.url().getPath().startsWith("/web/reset/"), link.url()::toString);
        assertFalse(link.toString().contains(link.url().getPath()), "toString hides the link");
        failed(ProviderError.NotFound.class, provider.invite(child, "nobody", Duration.ofHours(2)));
    }

    @Test
    void aNewUserComesWithAnInviteLinkAndAnExistingOneCanOnlyGetAResetLink() {
        ClusterTarget child = activeChild(uniqueClusterName("wc-add"));
        ok(provider.create(child, role("team")));
        Provider.Invited made = ok(provider.createInvited(child, user("erin", "team"), Duration.ofHours(48)));
        assertTrue(made.link().url().getPath().startsWith("/web/invite/"), made.link().url()::toString);
        assertEquals("team", ok(made.user()).document().path("spec").path("roles").path(0).asString(""));
        assertEquals("team", ok(provider.get(child, ResourceKind.USER, "erin")).document().path("spec").path("roles")
                .path(0).asString(""), "the user exists with its roles");
        failed(ProviderError.AlreadyExists.class, provider.createInvited(child, user("erin", "team"), Duration.ofHours(1)));

        InviteLink reset = ok(provider.invite(child, "erin", Duration.ofHours(24)));
        assertTrue(reset.url().getPath().startsWith("/web/reset/"), reset.url()::toString);
        assertTrue(provider.invite(child, "erin", Duration.ofHours(25)).isLeft(), "a reset link lasts at most 24h");
        assertEquals(LinkLimits.TELEPORT, provider.linkLimits());
    }

    @Test
    void aBotComesWithItsOwnUserAndRoleThatTeleportLabelsAsItsOwn() {
        String name = uniqueClusterName("wc-botx");
        ClusterTarget child = activeChild(name);
        for (ResourceKind kind : List.of(ResourceKind.USER, ResourceKind.ROLE)) {
            LiveResource own = ok(provider.get(child, kind, "bot-" + name + "-bot"));
            assertEquals(name + "-bot", own.document().path("metadata").path("labels").path("teleport.internal/bot")
                    .asString(""), kind + " bot-X is labelled as the bot's");
        }
    }
}
