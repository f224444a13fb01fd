package dev.teleform.provider.teleport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.InviteLink;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.testing.TestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The arguments, input and environment the provider gives tctl, and what it makes of tctl's answers. */
class TeleportProviderTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String ROLE_JSON = """
            [
                {
                    "kind": "role",
                    "version": "v7",
                    "metadata": {"name": "dev", "revision": "r1"},
                    "spec": {"allow": {"logins": ["ubuntu"]}}
                }
            ]
            """;
    private static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/ci",
            "AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEYID0001", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "TELEPORT_IDENTITY_FILE", "/home/ci/other-cluster.pem", "TELEPORT_AUTH_SERVER", "other.teleport.sh:443",
            "GITHUB_TOKEN", "ghp_notForTools", "ACTIONS_ID_TOKEN_REQUEST_URL",
            "https://pipelines.actions.githubusercontent.com/abc/idtoken?api-version=2.0",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "eyJhbGciOiJSUzI1NiJ9.request-token");

    @TempDir
    Path dir;

    private FakeTool tctl;
    private FakeTool tbot;
    private Provider provider;
    private Path parentIdentity;
    private Path childIdentity;

    @BeforeEach
    void fakes() throws Exception {
        tctl = FakeTool.create(dir, "tctl");
        tbot = FakeTool.create(dir, "tbot");
        parentIdentity = dir.resolve("parent.pem");
        childIdentity = dir.resolve("kid.pem");
        ProviderConfig config = new ProviderConfig(dir, "unit", Optional.of("acme.teleport.sh:443"),
                Optional.of(parentIdentity), Optional.empty(), Map.of(),
                new ProviderConfig.Tools(tctl.binary.toString(), tbot.binary.toString()),
                new ProviderConfig.SimulatorOptions(dir.resolve("sim"), Duration.ZERO, "", ""), InstantSource.fixed(NOW));
        provider = new TeleportProviderFactory().open(config, ENVIRONMENT);
    }

    private ClusterTarget child() {
        return ClusterTarget.child(new TeleportCredentials("kid", "identity file kid.pem", Instant.MAX,
                new Endpoint("kid.teleport.sh:443", Optional.of(childIdentity)), Optional.empty()));
    }

    private static ObjectNode document(String kind, String version, String name) {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("kind", kind).put("version", version);
        document.putObject("metadata").put("name", name);
        return document;
    }

    private static ObjectNode role() {
        ObjectNode role = document("role", "v7", "dev");
        role.putObject("spec").putObject("allow").putArray("logins").add("ubuntu");
        return role;
    }

    @Test
    void aListIsOneGetOfTheKindAsJsonFromTheParentWithItsIdentity() throws Exception {
        tctl.answers(ROLE_JSON, "", 0);
        var roles = provider.list(ClusterTarget.parent(), ResourceKind.ROLE).get();
        assertEquals(List.of(List.of("--auth-server", "acme.teleport.sh:443", "-i", parentIdentity.toString(), "get",
                "roles", "--format", "json")), tctl.runs());
        assertEquals("dev", roles.getFirst().name());
        assertEquals("r1", roles.getFirst().revision());
    }

    @Test
    void anEmptyResultIsAnEmptyList() throws Exception {
        tctl.answers("[]", "", 0);
        assertEquals(List.of(), provider.list(child(), ResourceKind.USER).get());
        assertEquals(List.of("--auth-server", "kid.teleport.sh:443", "-i", childIdentity.toString(), "get", "users",
                "--format", "json"), tctl.runs().getFirst());
    }

    @Test
    void aCreateSendsTheDocumentOnStdinThenReadsItBack() throws Exception {
        tctl.answers(ROLE_JSON, "", 0);
        var created = provider.create(child(), role()).get();
        List<List<String>> runs = tctl.runs();
        assertEquals(List.of("--auth-server", "kid.teleport.sh:443", "-i", childIdentity.toString(), "create"),
                runs.get(0));
        assertEquals("{\"kind\":\"role\",\"version\":\"v7\",\"metadata\":{\"name\":\"dev\"},\"spec\":{\"allow\":"
                + "{\"logins\":[\"ubuntu\"]}}}\n", tctl.stdin(0));
        assertEquals(List.of("--auth-server", "kid.teleport.sh:443", "-i", childIdentity.toString(), "get", "role/dev",
                "--format", "json"), runs.get(1));
        assertEquals("r1", created.revision());
    }

    @Test
    void anUpsertForcesAndAnUpdateReadsFirst() throws Exception {
        tctl.answers(ROLE_JSON, "", 0);
        provider.upsert(child(), role()).get();
        provider.update(child(), role()).get();
        List<List<String>> runs = tctl.runs();
        assertEquals(List.of("create", "-f"), runs.get(0).subList(4, runs.get(0).size()));
        assertEquals(List.of("get", "role/dev", "--format", "json"), runs.get(2).subList(4, 8));
        assertEquals(List.of("create", "-f"), runs.get(3).subList(4, runs.get(3).size()));
    }

    @Test
    void severalKindsAreOneYamlGetAndABotsPermissionsComeFromItsListedRole() throws Exception {
        tctl.answers(botRole("list, read, create, update") + """
                ---
                kind: user
                metadata:
                  name: dave
                spec:
                  roles: [team]
                version: v2
                """, "", 0);
        ClusterTarget bot = bot();
        var lists = provider.listKinds(bot, java.util.EnumSet.of(ResourceKind.USER, ResourceKind.ROLE)).get();
        assertEquals(List.of("kid-bot"), lists.get(ResourceKind.ROLE).stream().map(r -> r.name()).toList());
        assertEquals(List.of("dave"), lists.get(ResourceKind.USER).stream().map(r -> r.name()).toList());
        assertEquals(java.util.EnumSet.of(dev.teleform.engine.provider.Verb.LIST, dev.teleform.engine.provider.Verb.READ,
                dev.teleform.engine.provider.Verb.CREATE, dev.teleform.engine.provider.Verb.UPDATE),
                provider.permissions(bot, ResourceKind.USER).get());
        assertEquals(List.of(List.of("--auth-server", "kid.teleport.sh:443", "-i", childIdentity.toString(), "get",
                "roles,users", "--format", "yaml")), tctl.runs(), "one process for both kinds and the permissions");
    }

    /** What tctl prints for an error: only {@code ERROR: } in red, the context, the server's text indented, a blank line. */
    private static String tctlError(String context, String server) {
        return "\u001B[31mERROR: \u001B[0m" + context + "\n\t" + server + "\n\n";
    }

    private ClusterTarget bot() {
        return ClusterTarget.child(new TeleportCredentials("kid", "bot kid-bot", Instant.MAX,
                new Endpoint("kid.teleport.sh:443", Optional.of(childIdentity)), Optional.empty()));
    }

    /** The bot's role, holding {@code verbs} on users and roles, as tctl prints it in YAML. */
    private static String botRole(String verbs) {
        return """
                kind: role
                metadata:
                  name: kid-bot
                spec:
                  allow:
                    rules:
                    - resources: [user, role]
                      verbs: [%s]
                version: v7
                """.formatted(verbs);
    }

    /** The bot's role as Teleport Cloud promises it: create, read and update users and roles, no list. */
    private static final String BOT_ROLE_WITHOUT_LIST = botRole("create, read, update");

    @Test
    void aDeniedListingIsAccessDeniedInTeleportsWords() throws Exception {
        // tool/tctl/common/resource_command.go wraps the handler's error; lib/services/role.go words the denial
        tctl.answers("", tctlError("getting resource \"\" of type \"role\"",
                "access denied to perform action \"list\" on \"role\""), 1);
        ProviderError denied = provider.listKinds(bot(), EnumSet.of(ResourceKind.ROLE, ResourceKind.USER)).getLeft();
        assertEquals(new ProviderError.AccessDenied("getting resource \"\" of type \"role\": access denied to perform "
                + "action \"list\" on \"role\""), denied);
    }

    @Test
    void namedResourcesAreOneYamlGetWithTheBotsRoleSoItsPermissionsCostNoProcess() throws Exception {
        tctl.answers(BOT_ROLE_WITHOUT_LIST.replace("name: kid-bot", "name: team") + "---\n" + """
                kind: user
                metadata:
                  name: alice
                spec:
                  roles: [team]
                version: v2
                ---
                """ + BOT_ROLE_WITHOUT_LIST, "", 0);
        ClusterTarget bot = bot();
        var found = provider.getNamed(bot, Map.of(ResourceKind.USER, Set.of("alice"), ResourceKind.ROLE,
                Set.of("team"))).get();
        assertEquals(List.of(List.of("--auth-server", "kid.teleport.sh:443", "-i", childIdentity.toString(), "get",
                "role/team,user/alice,role/kid-bot", "--format", "yaml")), tctl.runs());
        assertEquals(List.of("team"), found.get(ResourceKind.ROLE).stream().map(LiveResource::name).toList(),
                "the bot's role was not asked for: it is read, not returned");
        assertEquals(List.of("alice"), found.get(ResourceKind.USER).stream().map(LiveResource::name).toList());
        assertEquals(EnumSet.of(Verb.READ, Verb.CREATE, Verb.UPDATE), provider.permissions(bot, ResourceKind.USER).get());
        assertEquals(1, tctl.runs().size(), "permissions from the role read with the names");
        provider.getNamed(bot, Map.of(ResourceKind.ROLE, Set.of("team"))).get();
        assertEquals("role/team", tctl.runs().get(1).get(5), "a bot's role once read is not asked for again");
    }

    @Test
    void aNameTctlReportsMissingIsDroppedAndTheRestAskedForAgain() throws Exception {
        tctl.answersRun(0, "", tctlError("getting resource \"gone\" of type \"role\"", "role gone is not found"), 1)
                .answersRun(1, "", tctlError("getting resource \"bob\" of type \"user\"", "user \"bob\" not found"), 1)
                .answers(BOT_ROLE_WITHOUT_LIST.replace("name: kid-bot", "name: team"), "", 0);
        var found = provider.getNamed(child(), Map.of(ResourceKind.ROLE, Set.of("gone", "team"), ResourceKind.USER,
                Set.of("bob"))).get();
        assertEquals(List.of("role/gone,role/team,user/bob", "role/team,user/bob", "role/team"),
                tctl.runs().stream().map(run -> run.get(5)).toList(), "one process more per missing name");
        assertEquals(List.of("team"), found.get(ResourceKind.ROLE).stream().map(LiveResource::name).toList());
        assertEquals(List.of(), found.get(ResourceKind.USER));
    }

    @Test
    void aNotFoundThatNamesNoneOfTheNamesAskedForIsAnError() throws Exception {
        tctl.answers("", tctlError("getting resource \"elsewhere\" of type \"role\"", "role elsewhere is not found"), 1);
        assertInstanceOf(ProviderError.NotFound.class, provider.getNamed(child(), Map.of(ResourceKind.ROLE,
                Set.of("team"))).getLeft());
        assertEquals(1, tctl.runs().size(), "nothing to drop, so nothing is asked again");
    }

    @Test
    void deletingAWorkloadClusterIsRmAndReportsWhenItWasSuspended() throws Exception {
        tctl.answers("workload cluster \"kid\" has been deleted\n", "", 0);
        var deleted = provider.delete(ClusterTarget.parent(), ResourceKind.WORKLOAD_CLUSTER, "kid").get();
        assertEquals(List.of("rm", "workload_cluster/kid"), tctl.runs().getFirst().subList(4, 6));
        assertEquals(Optional.of(NOW), deleted.suspendedAt(), "the time of deletion, not a deadline of our own");
    }

    /** What tctl users add prints (tool/tctl/common/user_command.go, PrintResetPasswordTokenAsInvite). */
    private static final String USERS_ADD_PRINTED = "User \"dave\" has been created but requires a password. Share this "
            + "URL with the user to complete user setup, link is valid for 48h:\nhttps://kid.teleport.sh:443/web/invite/"
            + "0123abcd\n\nNOTE: Make sure kid.teleport.sh:443 points at a Teleport proxy which users can access.\n";
    private static final String DAVE_JSON = """
            [{"kind": "user", "version": "v2", "metadata": {"name": "dave", "revision": "u1"},
              "spec": {"roles": ["team", "access"]}, "status": {"password_state": "PASSWORD_STATE_UNSET"}}]
            """;

    private static ObjectNode dave() {
        ObjectNode user = document("user", "v2", "dave");
        user.putObject("spec").putArray("roles").add("team").add("access");
        return user;
    }

    @Test
    void documentsCreatedInOrderAreOneCreateOfThemAllWithNothingReadBack() throws Exception {
        tctl.answers("role \"dev\" has been created\nrole \"ops\" has been created\n", "", 0);
        ObjectNode ops = document("role", "v7", "ops");
        assertTrue(provider.writesTogether());

        Provider.WrittenInOrder created = provider.writeInOrder(child(), creates(role(), ops));

        assertEquals(new Provider.WrittenInOrder(2, Optional.empty()), created);
        assertEquals(List.of(List.of("--auth-server", "kid.teleport.sh:443", "-i", childIdentity.toString(), "create")),
                tctl.runs(), "one process, and no read-back: the caller reads what it made with one get");
        assertEquals(2, tctl.stdin(0).lines().count());
    }

    @Test
    void aCreateInOrderStopsWhereTctlStoppedAndSaysWhy() throws Exception {
        tctl.answers("role \"dev\" has been created\n", "\u001b[31mERROR: \u001b[0mrole \"ops\" already exists\n\n", 1);

        Provider.WrittenInOrder created = provider.writeInOrder(child(), creates(role(), document("role", "v7", "ops"),
                document("role", "v7", "qa")));

        assertEquals(1, created.written());
        assertInstanceOf(ProviderError.AlreadyExists.class, created.stoppedBy().orElseThrow());
        assertEquals(1, tctl.runs().size(), "what comes after the refused one is the caller's to write again");
    }

    @Test
    void upsertsAndUpdatesShareOneForcedCreateAndAKindTctlCannotWriteStopsItBeforeTctlRuns() throws Exception {
        tctl.answers("role \"dev\" has been created\nrole \"ops\" has been updated\n", "", 0);

        Provider.WrittenInOrder written = provider.writeInOrder(child(), List.of(
                new Provider.Write(Provider.Write.Mode.UPSERT, role()),
                new Provider.Write(Provider.Write.Mode.UPDATE, document("role", "v7", "ops")),
                new Provider.Write(Provider.Write.Mode.UPDATE, document("token", "v2", "t"))));

        assertEquals(1, tctl.runs().size());
        assertEquals(List.of("create", "-f"), tctl.runs().getFirst().subList(4, 6));
        assertEquals(2, tctl.stdin(0).lines().count(), "only the documents before the unsupported one");
        assertEquals(2, written.written());
        assertInstanceOf(ProviderError.BadParameter.class, written.stoppedBy().orElseThrow());
    }

    @Test
    void createsAndUpdatesInOneCallAreOneProcessForEachRunOfTheSameWrite() throws Exception {
        tctl.answers("role \"dev\" has been created\n", "", 0);

        Provider.WrittenInOrder written = provider.writeInOrder(child(), List.of(
                new Provider.Write(Provider.Write.Mode.CREATE, role()),
                new Provider.Write(Provider.Write.Mode.UPDATE, document("role", "v7", "ops"))));

        assertEquals(List.of(List.of("create"), List.of("create", "-f")), tctl.runs().stream()
                .map(run -> run.subList(4, run.size())).toList());
        assertEquals(2, written.written());
    }

    private static List<Provider.Write> creates(ObjectNode... documents) {
        return Arrays.stream(documents).map(document -> new Provider.Write(Provider.Write.Mode.CREATE,
                document)).toList();
    }

    @Test
    void anInvitedUserAddedForAGroupIsUsersAddAloneAndSaysWhetherItsRestIsStillToWrite() throws Exception {
        tctl.answers(USERS_ADD_PRINTED, "", 0);
        ObjectNode withTraits = dave();
        ((ObjectNode) withTraits.get("spec")).putObject("traits").putArray("logins").add("dave");

        Provider.Added rolesOnly = provider.addInvited(child(), dave(), Duration.ofHours(2)).get();
        Provider.Added more = provider.addInvited(child(), withTraits, Duration.ofHours(2)).get();

        assertEquals(2, tctl.runs().size(), "users add only, nothing read back or written after it");
        assertEquals(List.of("users", "add", "dave"), tctl.runs().get(1).subList(4, 7));
        assertTrue(rolesOnly.complete());
        assertFalse(more.complete(), "traits are not written by users add");
        assertEquals("https://kid.teleport.sh:443/web/invite/0123abcd", more.link().url().toString());
    }

    @Test
    void aNewUsersInviteIsUsersAddWithItsRolesThenTheUserIsReadBack() throws Exception {
        tctl.answersRun(0, USERS_ADD_PRINTED, "", 0).answersRun(1, DAVE_JSON, "", 0);
        Provider.Invited invited = provider.createInvited(child(), dave(), Duration.ofHours(48)).get();
        assertEquals(List.of("users", "add", "dave", "--roles", "team,access", "--ttl", "48h"),
                tctl.runs().get(0).subList(4, 11));
        assertEquals(List.of("get", "user/dave", "--format", "json"), tctl.runs().get(1).subList(4, 8));
        assertEquals(2, tctl.runs().size(), "a user that sets only roles is not written again");
        assertEquals("https://kid.teleport.sh:443/web/invite/0123abcd", invited.link().url().toString());
        assertEquals(NOW.plus(Duration.ofHours(48)), invited.link().expires());
        assertEquals("u1", invited.user().get().revision());
    }

    @Test
    void aNewUserThatSetsMoreThanRolesIsWrittenWholeAfterUsersAdd() throws Exception {
        tctl.answersRun(0, USERS_ADD_PRINTED, "", 0).answersRun(1, "user \"dave\" has been updated\n", "", 0)
                .answersRun(2, DAVE_JSON, "", 0);
        ObjectNode user = dave();
        ((ObjectNode) user.get("spec")).putObject("traits").putArray("logins").add("dave");
        Provider.Invited invited = provider.createInvited(child(), user, Duration.ofHours(2)).get();
        assertEquals(List.of("create", "-f"), tctl.runs().get(1).subList(4, 6));
        assertTrue(tctl.stdin(1).contains("\"traits\":{\"logins\":[\"dave\"]}"), tctl.stdin(1));
        assertTrue(invited.user().isRight());
    }

    @Test
    void theLinkIsKeptWhenTheRestOfTheUserCannotBeWritten() throws Exception {
        tctl.answersRun(0, USERS_ADD_PRINTED, "", 0).answersRun(1, "", "\u001b[31mERROR: \u001b[0maccess denied to "
                + "perform action \"update\" on \"user\"\n\n", 1);
        ObjectNode user = dave();
        ((ObjectNode) user.get("metadata")).putObject("labels").put("team", "a");
        Provider.Invited invited = provider.createInvited(child(), user, Duration.ofHours(2)).get();
        assertEquals("https://kid.teleport.sh:443/web/invite/0123abcd", invited.link().url().toString());
        assertInstanceOf(ProviderError.AccessDenied.class, invited.user().getLeft());
    }

    @Test
    void usersAddOfAnExistingUserIsAlreadyExists() throws Exception {
        tctl.answers("NOTE: To update an existing local user:\n> tctl users update dave --set-roles team,access # replace "
                + "roles\n\n", "\u001b[31mERROR: \u001b[0muser \"dave\" already registered\n\n", 1);
        var refused = provider.createInvited(child(), dave(), Duration.ofHours(2));
        assertInstanceOf(ProviderError.AlreadyExists.class, refused.getLeft());
    }

    @Test
    void aNewUserWithoutRolesOrWithTooLongALinkIsRefusedBeforeTctlRuns() throws Exception {
        ObjectNode roleless = dave();
        ((ObjectNode) roleless.get("spec")).putArray("roles");
        assertTrue(provider.createInvited(child(), roleless, Duration.ofHours(2)).getLeft().message()
                .contains("needs at least one (--roles)"));
        assertInstanceOf(ProviderError.BadParameter.class,
                provider.createInvited(child(), dave(), Duration.ofHours(49)).getLeft());
        assertEquals(0, tctl.runs().size());
    }

    @Test
    void anExistingUsersLinkIsAResetLinkWithinTctlsLimit() throws Exception {
        tctl.answers("User \"dave\" has been reset. Share this URL with the user to complete password reset, link is "
                + "valid for 2h:\nhttps://kid.teleport.sh:443/web/reset/0123abcd\n\nNOTE: Make sure kid.teleport.sh:443 "
                + "points at a Teleport proxy which users can access.\n", "", 0);
        InviteLink link = provider.invite(child(), "dave", Duration.ofHours(2)).get();
        assertEquals(List.of("users", "reset", "dave", "--ttl", "2h"), tctl.runs().getFirst().subList(4, 9));
        assertEquals("https://kid.teleport.sh:443/web/reset/0123abcd", link.url().toString());
        assertEquals(NOW.plus(Duration.ofHours(2)), link.expires());

        var refused = provider.invite(child(), "dave", Duration.ofHours(25));
        assertInstanceOf(ProviderError.BadParameter.class, refused.getLeft());
        assertEquals(1, tctl.runs().size(), "a link tctl would refuse is not asked for");
    }

    @Test
    void tctlGetsNoCredentialOrTeleportVariableAndTbotGetsTheAwsOnes() throws Exception {
        tctl.answers("[]", "", 0);
        provider.list(ClusterTarget.parent(), ResourceKind.ROLE).get();
        // PWD is the fake's shell's own doing
        assertEquals(List.of("HOME=/home/ci", "PATH=/usr/bin:/bin"), tctl.environment(0).stream()
                .filter(variable -> !variable.startsWith("PWD=")).sorted().toList());
        assertEquals(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEYID0001", "AWS_SECRET_ACCESS_KEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "HOME", "/home/ci", "PATH", "/usr/bin:/bin"),
                ToolEnvironment.forJoin(ToolEnvironment.forTbot(ENVIRONMENT), "iam"));
    }

    @Test
    void secretsTctlPrintsNeverReachTheError() throws Exception {
        String key = TestKeys.privateKeyPem();
        tctl.answers("", "\u001B[31mERROR: access denied for key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
                + key + "see https://kid.teleport.sh:443/web/invite/9f8e7d6c5b4a39281706f5e4d3c2b1a0\u001B[0m\n\n", 1);
        ProviderError error = provider.get(child(), ResourceKind.USER, "dave").getLeft();
        assertInstanceOf(ProviderError.AccessDenied.class, error);
        for (String secret : List.of("wJalrXUtnFEMI", TestKeys.bodyLine(key), "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
                "PRIVATE KEY")) {
            assertFalse(error.message().contains(secret), error.message());
        }
        assertTrue(error.message().startsWith("access denied for key [redacted]"), error.message());
    }

    @Test
    void closedCredentialsMakeNoCall() throws Exception {
        ClusterTarget child = child();
        ((ClusterTarget.Child) child).credentials().close();
        assertInstanceOf(ProviderError.AccessDenied.class, provider.list(child, ResourceKind.ROLE).getLeft());
        assertEquals(List.of(), tctl.runs());
    }

    @Test
    void theBotConfigIsTheOneShotIamJoinOfTeleportMd() {
        assertEquals("{\"version\":\"v2\",\"oneshot\":true,\"proxy_server\":\"kid.teleport.sh:443\",\"onboarding\":"
                + "{\"join_method\":\"iam\",\"token\":\"kid-bot\"},\"storage\":{\"type\":\"memory\"},\"services\":[{\"type\":"
                + "\"identity\",\"destination\":{\"type\":\"directory\",\"path\":\"/private/out\"}}]}",
                Tbot.config("kid.teleport.sh:443", BotJoin.iam("kid-bot"), Path.of("/private/out")).toString());
    }

    /** A tbot that writes an identity where its config says, and records its config and its directory's mode. */
    private static final String WRITES_IDENTITY = """
            out=$(sed 's/.*"path":"\\([^"]*\\)".*/\\1/' "$3")
            mkdir -p "$out" && printf 'the-identity' > "$out/identity"
            cp "$3" "$d/runs/$n/config"
            stat -c %a "$(dirname "$3")" > "$d/runs/$n/mode"
            """;

    @Test
    void theParentsBotJoinsWithItsMethodAndTokenAtTheParentsProxyInAPrivateDirectoryRemovedWhenClosed()
            throws Exception {
        FakeTool writing = FakeTool.create(dir.resolve("writing"), "tbot", WRITES_IDENTITY);
        Provider parentBot = new TeleportProviderFactory().open(new ProviderConfig(dir, "unit",
                Optional.of("acme.teleport.sh:443"), Optional.empty(), Optional.of(new BotJoin("github", "teleform-ci")),
                Map.of(), new ProviderConfig.Tools(tctl.binary.toString(), writing.binary.toString()),
                new ProviderConfig.SimulatorOptions(dir.resolve("sim"), Duration.ZERO, "", ""), InstantSource.fixed(NOW)),
                ENVIRONMENT);
        ClusterCredentials joined = parentBot.joinParent(new BotJoin("github", "teleform-ci")).get();

        Path config = Path.of(writing.runs().getFirst().get(2));
        Path privateDir = config.getParent();
        assertEquals(List.of("start", "-c", config.toString()), writing.runs().getFirst());
        assertEquals("{\"version\":\"v2\",\"oneshot\":true,\"proxy_server\":\"acme.teleport.sh:443\",\"onboarding\":"
                + "{\"join_method\":\"github\",\"token\":\"teleform-ci\"},\"storage\":{\"type\":\"memory\"},\"services\":"
                + "[{\"type\":\"identity\",\"destination\":{\"type\":\"directory\",\"path\":\"" + privateDir.resolve("out")
                + "\"}}]}", writing.recorded(0, "config"));
        assertEquals("700\n", writing.recorded(0, "mode"), "tbot's directory is private");
        assertEquals(List.of("ACTIONS_ID_TOKEN_REQUEST_TOKEN=eyJhbGciOiJSUzI1NiJ9.request-token",
                "ACTIONS_ID_TOKEN_REQUEST_URL=https://pipelines.actions.githubusercontent.com/abc/idtoken?api-version=2.0",
                "HOME=/home/ci", "PATH=/usr/bin:/bin"), writing.environment(0).stream()
                .filter(variable -> !variable.startsWith("PWD=")).sorted().toList(),
                "the github join gets the job's ID token variables and no AWS keys");
        assertEquals("", joined.cluster());
        assertEquals("Machine ID bot (github join)", joined.describe());
        assertEquals(NOW.plus(TeleportProvider.BOT_IDENTITY_TTL), joined.expires());

        tctl.answers(ROLE_JSON, "", 0);
        parentBot.list(ClusterTarget.parent(joined), ResourceKind.ROLE).get();
        assertEquals(List.of("--auth-server", "acme.teleport.sh:443", "-i", privateDir.resolve("out/identity").toString(),
                "get", "roles", "--format", "json"), tctl.runs().getFirst(), "the parent is reached as the bot");

        joined.close();
        assertFalse(java.nio.file.Files.exists(privateDir), "closing removes the identity and its directory");
        assertEquals(new ProviderError.AccessDenied("credentials for the parent cluster were closed"),
                parentBot.list(ClusterTarget.parent(joined), ResourceKind.ROLE).getLeft());
        assertEquals(1, tctl.runs().size(), "no call with a removed identity");
        parentBot.close();
    }

    @Test
    void aGithubJoinOutsideAJobThatMayAskForAnIdTokenSaysWhichPermissionIsMissing() throws Exception {
        tbot.answers("", """
                2026-11-25T12:00:00.101Z WARN [TBOT]      Bot is configured with a non-persistent storage destination. \
                If the bot is running in a non-ephemeral environment, this will impact the ability to provide a \
                long-lived bot instance identity tbot/tbot.go:540
                \u001B[31mERROR: \u001B[0mjoining with token
                \tACTIONS_ID_TOKEN_REQUEST_URL environment variable missing

                """, 1);
        ProviderError error = provider.joinParent(new BotJoin("github", "teleform-ci")).getLeft();
        assertInstanceOf(ProviderError.BadParameter.class, error);
        assertTrue(error.message().startsWith("joining with token: ACTIONS_ID_TOKEN_REQUEST_URL environment variable "
                + "missing\n  the job cannot ask GitHub for an ID token: give it permissions: id-token: write"),
                error.message());
    }

    private static final String ACTIVE_CLUSTER = """
            [{"kind": "workload_cluster", "version": "v1", "metadata": {"name": "kid"},
              "spec": {"regions": [{"name": "us-west-2"}], "bot": {"name": "kid-bot"}},
              "status": {"state": "active", "domain": "kid.teleport.sh"}}]
            """;

    @Test
    void aRefusedJoinIsTbotsLastBlockWithTheLogThatLedToIt() throws Exception {
        tctl.answers(ACTIVE_CLUSTER, "", 0);
        tbot.answers("", """
                2026-11-25T12:00:00.101Z WARN [TBOT]      Bot is configured with a non-persistent storage destination. \
                If the bot is running in a non-ephemeral environment, this will impact the ability to provide a \
                long-lived bot instance identity tbot/tbot.go:540
                \u001B[31mERROR: \u001B[0mjoining with token
                \tinstance arn:aws:sts::123456789012:assumed-role/ci/runner did not match any allow rules in token kid-bot

                """, 1);
        ProviderError error = provider.bootstrap(ClusterTarget.parent(), "kid").getLeft();
        assertEquals(new ProviderError.AccessDenied("joining with token: instance arn:aws:sts::123456789012:"
                + "assumed-role/ci/runner did not match any allow rules in token kid-bot\n  last lines of tbot's log:\n"
                + "    2026-11-25T12:00:00.101Z WARN [TBOT]      Bot is configured with a non-persistent storage "
                + "destination. If the bot is running in a non-ephemeral environment, this will impact the ability to "
                + "provide a long-lived bot instance identity tbot/tbot.go:540"), error);
    }

    @Test
    void clusterAlertsAreWarningsOncePerRunAndNeverFailACall() throws Exception {
        String alert = "\u001B[31mA security patch is available for Teleport. Please upgrade your Cluster to 17.4.8 or "
                + "newer.\u001B[0m\n\n";
        tctl.answers(ROLE_JSON, alert, 0);
        assertEquals(List.of(), provider.warnings());
        assertEquals("dev", provider.get(child(), ResourceKind.ROLE, "dev").get().name());
        assertEquals(1, provider.list(ClusterTarget.parent(), ResourceKind.ROLE).get().size());
        tctl.answers("", alert + "\u001B[31mERROR: \u001B[0mgetting resource \"x\" of type \"role\"\n\t"
                + "role x is not found\n\n", 1);
        assertEquals(new ProviderError.NotFound("getting resource \"x\" of type \"role\": role x is not found"),
                provider.get(child(), ResourceKind.ROLE, "x").getLeft());
        assertEquals(List.of("Teleport cluster alert: A security patch is available for Teleport. Please upgrade your "
                + "Cluster to 17.4.8 or newer."), provider.warnings());
    }
}
