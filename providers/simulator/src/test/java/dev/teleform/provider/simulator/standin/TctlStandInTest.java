package dev.teleform.provider.simulator.standin;


import dev.teleform.engine.testing.TestClock;
import dev.teleform.provider.simulator.SimFixture;
import dev.teleform.provider.simulator.SimTestSupport;
import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.SimConsole;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tctl stand-in's output, exit status and error texts, as TELEPORT.md §3 gives tctl's. */
class TctlStandInTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private final TestClock clock = SimFixture.clock();
    private boolean denyBotList;

    private SimConsole console() {
        return new SimConsole(SimFixture.config(dir.resolve("sim"), clock, denyBotList));
    }

    private Run tctl(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new TctlStandIn(console(), new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).run(List.of(args));
        return new Run(exit, out.toString(), err.toString());
    }

    private static final String PARENT = SimulatedCloud.PARENT_PROXY;

    @Test
    void aCreateStopsAtTheFirstErrorAfterSayingWhatItWrote() {
        tctl("{\"kind\":\"role\",\"version\":\"v7\",\"metadata\":{\"name\":\"b\"},\"spec\":{}}", "--auth-server", PARENT,
                "create");
        Run run = tctl("""
                {"kind":"role","version":"v7","metadata":{"name":"a"},"spec":{}}
                {"kind":"role","version":"v7","metadata":{"name":"b"},"spec":{}}
                {"kind":"role","version":"v7","metadata":{"name":"c"},"spec":{}}
                """, "--auth-server", PARENT, "create");
        assertEquals(1, run.exit());
        assertEquals("role \"a\" has been created\n", run.out());
        assertEquals("\u001B[31mERROR: \u001B[0muse -f or --force flag to overwrite\n\trole \"b\" already exists\n\n",
                run.err());
        assertEquals(1, tctl("", "--auth-server", PARENT, "get", "role/c", "--format", "json").exit(), "c was not tried");
    }

    @Test
    void getsPrintJsonArraysAndSeveralKindsOnlyAsYaml() {
        assertEquals("[]\n", tctl("", "--auth-server", PARENT, "get", "users", "--format", "json").out());
        Run mixed = tctl("", "--auth-server", PARENT, "get", "roles,users", "--format", "json");
        assertEquals(1, mixed.exit());
        assertEquals("\u001B[31mERROR: \u001B[0mmixed resource types only support YAML formatting\n\n", mixed.err());
        Run missing = tctl("", "--auth-server", PARENT, "get", "role/nope", "--format", "json");
        assertEquals("\u001B[31mERROR: \u001B[0mgetting resource \"nope\" of type \"role\"\n\trole nope is not found\n\n",
                missing.err());
        Run unknown = tctl("", "--auth-server", PARENT, "get", "workload_clusterz");
        assertEquals("\u001B[31mERROR: \u001B[0munsupported resource: \"workload_clusterz\" - resources should be expressed as "
                + "'type/name', for example 'connector/github'\n\n", unknown.err());
        Run identityAlone = tctl("", "-i", "x.pem", "get", "roles");
        assertEquals("\u001B[31mERROR: \u001B[0mtctl --identity also requires --auth-server\n\n", identityAlone.err());
    }

    @Test
    void aGetOfSeveralNamesFailsWhollyOnTheFirstMissingOneWithItsNotFoundError() {
        Run run = tctl("", "--auth-server", PARENT, "get", "role/access,role/nope,user/ghost");
        assertEquals(1, run.exit());
        assertEquals("", run.out(), "nothing of what was found is printed");
        assertEquals("\u001B[31mERROR: \u001B[0mgetting resource \"nope\" of type \"role\"\n\trole nope is not found\n\n",
                run.err());
        Run user = tctl("", "--auth-server", PARENT, "get", "role/access,user/ghost");
        assertEquals("\u001B[31mERROR: \u001B[0mgetting resource \"ghost\" of type \"user\"\n\tuser \"ghost\" not found\n\n",
                user.err());
        Run found = tctl("", "--auth-server", PARENT, "get", "role/access,role/editor");
        assertEquals(0, found.exit(), found.err());
        assertTrue(found.out().contains("name: \"access\"") && found.out().contains("name: \"editor\""), found.out());
    }

    @Test
    void aBotRefusedListIsDeniedTheListingAndMayStillGetByName() throws Exception {
        denyBotList = true;
        assertEquals(0, tctl(SimTestSupport.cluster("child").toString(), "--auth-server", PARENT, "create").exit());
        clock.advance(SimFixture.DELAY);
        SimConsole console = console();
        Caller bot = console.cloud().joinAsBot("child", SimFixture.ACCOUNT, SimFixture.ARN).get();
        Path identity = dir.resolve("bot/identity");
        console.cloud().identities().issue(bot, SimulatedCloud.BOT_CERTIFICATE_TTL, clock.instant(), identity);
        String child = "child.teleport.sh:443";

        Run listed = tctl("", "--auth-server", child, "-i", identity.toString(), "get", "roles,users");
        assertEquals(1, listed.exit());
        // tool/tctl/common/resource_command.go wraps what lib/services/role.go says when no rule allows the verb
        assertEquals("\u001B[31mERROR: \u001B[0mgetting resource \"\" of type \"role\"\n\taccess denied to perform action "
                + "\"list\" on \"role\"\n\n", listed.err());
        String botRole = bot.roles().getFirst();
        Run named = tctl("", "--auth-server", child, "-i", identity.toString(), "get", "role/editor,role/" + botRole);
        assertEquals(0, named.exit(), named.err());
        assertTrue(named.out().contains("name: \"" + botRole + "\""), named.out());
    }

    @Test
    void aWorkloadClusterKeepsOnlyItsNameAndUnknownMetadataIsRefused() {
        ObjectNode cluster = SimTestSupport.cluster("child");
        ObjectNode metadata = cluster.withObjectProperty("metadata").put("description", "payments");
        metadata.putObject("labels").put("team", "payments");
        Run created = tctl(cluster.toString(), "--auth-server", PARENT, "create");
        assertEquals(0, created.exit(), created.err());
        String read = tctl("", "--auth-server", PARENT, "get", "workload_cluster/child", "--format", "json").out();
        JsonNode kept = JsonMapper.builder().build().readTree(read).get(0).path("metadata");
        assertEquals(List.of("name", "revision"), List.copyOf(kept.propertyNames()), read);

        metadata.put("name", "other").put("owner", "payments");
        Run refused = tctl(cluster.toString(), "--auth-server", PARENT, "create");
        assertEquals(1, refused.exit());
        assertEquals("\u001B[31mERROR: \u001B[0mproto: unknown field \"owner\"\n\n", refused.err());
        assertEquals(1, tctl("", "--auth-server", PARENT, "get", "workload_cluster/other").exit(), "nothing written");
    }

    @Test
    void globalFlagsMayStandAfterTheCommandAsKingpinAllows() {
        Run run = tctl("", "get", "roles", "--format", "text", "--auth-server", PARENT);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Name\n----\naccess\n"), run.out());
    }

    @Test
    void usersResetTakesItsFlagsBeforeOrAfterTheName() {
        tctl("{\"kind\":\"user\",\"version\":\"v2\",\"metadata\":{\"name\":\"alice\"},\"spec\":{\"roles\":[\"access\"]}}",
                "--auth-server", PARENT, "create");
        Run run = tctl("", "users", "reset", "--ttl", "2h", "alice", "--auth-server", PARENT);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("User \"alice\" has been reset. Share this URL with the user to complete "
                + "password reset, link is valid for 2h:\nhttps://" + PARENT + "/web/reset/"), run.out());
    }

    @Test
    void usersAddMakesTheUserWithItsRolesAndAnInviteLinkOfUpTo48h() {
        Run run = tctl("", "--auth-server", PARENT, "users", "add", "alice", "--roles", "access,editor", "--ttl", "48h");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().matches("User \"alice\" has been created but requires a password\\. Share this URL with "
                + "the user to complete user setup, link is valid for 48h:\nhttps://" + PARENT.replace(".", "\\.")
                + "/web/invite/[0-9a-f]+\n\nNOTE: Make sure " + PARENT.replace(".", "\\.") + " points at a Teleport "
                + "proxy which users can access\\.\n"), run.out());
        Run user = tctl("", "--auth-server", PARENT, "get", "user/alice", "--format", "json");
        assertTrue(user.out().replaceAll("\\s", "").contains("\"roles\":[\"access\",\"editor\"]"), user.out());
        assertTrue(user.out().contains("PASSWORD_STATE_UNSET"), user.out());

        Run again = tctl("", "--auth-server", PARENT, "users", "add", "alice", "--roles", "access");
        assertEquals(1, again.exit());
        assertEquals("NOTE: To update an existing local user:\n> tctl users update alice --set-roles access # replace "
                + "roles\n\n", again.out());
        assertEquals("\u001B[31mERROR: \u001B[0muser \"alice\" already registered\n\n", again.err());
    }

    @Test
    void usersAddNeedsRolesThatExistAndALinkTeleportAllows() {
        assertEquals("\u001B[31mERROR: \u001B[0mrequired flag --roles not provided\n\n",
                tctl("", "--auth-server", PARENT, "users", "add", "bob").err());
        Run unknownRole = tctl("", "--auth-server", PARENT, "users", "add", "bob", "--roles", "nosuch");
        assertEquals("\u001B[31mERROR: \u001B[0mrole nosuch is not found\n\n", unknownRole.err());
        assertEquals(1, tctl("", "--auth-server", PARENT, "get", "user/bob", "--format", "json").exit(),
                "no user without its roles");
        Run tooLong = tctl("", "--auth-server", PARENT, "users", "add", "bob", "--roles", "access", "--ttl", "49h");
        assertEquals("\u001B[31mERROR: \u001B[0mfailed to create user token for reset password invite: maximum token "
                + "TTL is 48h0m0s hours\n\n", tooLong.err());
        assertEquals(0, tctl("", "--auth-server", PARENT, "get", "user/bob", "--format", "json").exit(),
                "as in Teleport, the user is made before its link");
        Run reset = tctl("", "--auth-server", PARENT, "users", "reset", "bob", "--ttl", "25h");
        assertEquals("\u001B[31mERROR: \u001B[0mfailed to create user token for reset password: maximum token TTL is "
                + "24h0m0s hours\n\n", reset.err());
    }

    @Test
    void anUnknownFlagIsRefusedBeforeAnyCall() {
        Run unknownLong = tctl("", "--auth-server", PARENT, "get", "roles", "--foo=bar");
        assertEquals(1, unknownLong.exit());
        assertEquals("", unknownLong.out());
        assertEquals("\u001B[31mERROR: \u001B[0munknown long flag '--foo'\n\n", unknownLong.err());
        Run unknownShort = tctl("", "-x", "--auth-server", PARENT, "get", "roles");
        assertEquals(1, unknownShort.exit());
        assertEquals("\u001B[31mERROR: \u001B[0munknown short flag '-x'\n\n", unknownShort.err());
        Run beforeAMissingArgument = tctl("", "--auth-server", PARENT, "get", "--foo");
        assertEquals("\u001B[31mERROR: \u001B[0munknown long flag '--foo'\n\n", beforeAMissingArgument.err());
        assertEquals(Map.of(), console().counters(), "no call was made");
    }

    @Test
    void anUnknownCommandIsRefused() {
        Run top = tctl("", "--auth-server", PARENT, "frobnicate", "roles");
        assertEquals(1, top.exit());
        assertEquals("\u001B[31mERROR: \u001B[0mexpected command but got \"frobnicate\"\n\n", top.err());
        Run nested = tctl("", "--auth-server", PARENT, "users", "update", "alice", "--set-roles", "access");
        assertEquals(1, nested.exit());
        assertEquals("\u001B[31mERROR: \u001B[0mexpected command but got \"update\"\n\n", nested.err());
        assertEquals(Map.of(), console().counters(), "no call was made");
    }

    @Test
    void aFlagWithoutItsValueOrACommandWithoutItsArgumentIsRefusedInKingpinsWords() {
        assertEquals("\u001B[31mERROR: \u001B[0mexpected argument for flag '-i'\n\n",
                tctl("", "--auth-server", PARENT, "get", "roles", "-i").err());
        assertEquals("\u001B[31mERROR: \u001B[0mrequired argument 'resources' not provided\n\n",
                tctl("", "--auth-server", PARENT, "get").err());
        assertEquals("\u001B[31mERROR: \u001B[0munexpected extra\n\n",
                tctl("", "--auth-server", PARENT, "rm", "role/a", "extra").err());
    }
}
