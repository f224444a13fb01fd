package dev.teleform.engine.stack;

import dev.teleform.engine.addr.ResourceKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** One test per rule of {@link StackRules}; the corpus shows the same rules as users see them. */
class StackRulesTest {

    @TempDir
    Path dir;

    private int stacks;

    /** A fresh stack directory holding the stack document and {@code files}. */
    private StackFixture stack(String... files) {
        StackFixture fixture = new StackFixture(dir.resolve("s" + stacks++)).file("stack.yaml", StackFixture.STACK);
        for (int i = 0; i < files.length; i++) {
            fixture.file("f" + i + ".yaml", files[i]);
        }
        return fixture;
    }

    private static String role(String name, String cluster) {
        return "kind: role\nversion: v7\nmetadata: {name: " + name + "}\n"
                + (cluster == null ? "" : "cluster: " + cluster + "\n") + "spec: {}\n";
    }

    private static String user(String name, String cluster, String roles) {
        return "kind: user\nversion: v2\nmetadata: {name: " + name + "}\n"
                + (cluster == null ? "" : "cluster: " + cluster + "\n") + "spec: {roles: " + roles + "}\n";
    }

    @Test
    void duplicateAddressesAreErrorsButTheSameNameInAnotherClusterIsNot() {
        String other = StackFixture.CLUSTER.replace("name: child", "name: other");
        assertEquals(List.of("metadata.name: role/dev is declared twice (first at f0.yaml:1)"),
                stack(role("dev", null), role("dev", null)).errors());
        assertEquals(List.of(), stack(StackFixture.CLUSTER, other, role("dev", "child"), role("dev", "other"),
                role("dev", null)).errors());
    }

    @Test
    void workloadClusterNamesMustBeDnsLabels() {
        for (String bad : List.of("Child", "child_1", "-child", "child-", "c".repeat(64))) {
            assertEquals(1, stack(StackFixture.CLUSTER.replace("name: child", "name: " + bad)).errors().size(), bad);
        }
        assertEquals(List.of(), stack(StackFixture.CLUSTER.replace("name: child", "name: " + "c".repeat(63)))
                .errors());
    }

    @Test
    void clusterMustNameAWorkloadClusterOfTheStack() {
        assertEquals(List.of("cluster: \"chlid\" names no workload_cluster of this stack; did you mean \"child\"?"),
                stack(StackFixture.CLUSTER, role("dev", "chlid")).errors());
    }

    @Test
    void theBotsRoleAndUserOfAChildClusterAreOffLimits() {
        List<String> errors = stack(StackFixture.CLUSTER, role("example-iam", "child"),
                user("bot-example-iam", "child", "[access]")).errors();
        assertEquals(2, errors.size());
        errors.forEach(e -> assertEquals(true, e.contains("Teleform must never change it"), e));
        assertEquals(List.of(), stack(StackFixture.CLUSTER, role("example-iam", null)).errors(),
                "the same name in the parent cluster is not the bot's");
    }

    @Test
    void unknownUserRolesAreWarningsOnly() {
        StackFixture fixture = stack(StackFixture.CLUSTER, role("dev", "child"),
                user("alice", "child", "[dev, example-iam, editor, ops, '{{internal.logins}}']"));
        assertInstanceOf(StackResult.Valid.class, fixture.read());
        assertEquals(List.of("spec.roles[3]: role \"ops\" is neither declared for workload cluster \"child\" in this "
                + "stack nor a Teleport preset role (fine if it exists unmanaged)"), fixture.warnings());
    }

    @Test
    void rolesOfAnotherClusterDoNotCountForAUser() {
        assertEquals(1, stack(StackFixture.CLUSTER, role("dev", null), user("alice", "child", "[dev]"))
                .warnings().size());
    }

    @Test
    void exactlyOneStackDocument() {
        assertEquals(List.of(), stack().errors());
        assertEquals(1, stack(StackFixture.STACK).errors().size());
        StackFixture none = new StackFixture(dir.resolve("none")).file("roles.yaml", role("dev", null));
        assertEquals(List.of(": no \"kind: stack\" document: one file of the stack must hold its settings "
                + "(kind: stack, version: v1, metadata.name, spec.provider)"), none.errors());
    }

    @Test
    void workloadClustersLiveInTheParentOnly() {
        assertEquals(List.of("cluster: a workload_cluster lives in the parent cluster; remove \"cluster:\""),
                stack(StackFixture.CLUSTER + "cluster: child\n").errors());
    }

    @Test
    void regionsAreRequiredWithTeleportsWording() {
        assertEquals(List.of("spec.regions: regions is required"),
                stack(StackFixture.CLUSTER.replace("regions: [{name: us-west-2}]", "regions: []")).errors());
        assertEquals(List.of("spec.regions[0].name: region name is required"),
                stack(StackFixture.CLUSTER.replace("{name: us-west-2}", "{name: ''}")).errors());
    }

    @Test
    void onlyIamJoiningCanBeBootstrapped() {
        assertEquals(List.of("spec.token.join_method: join method \"github\" is not supported: Teleform bootstraps "
                + "child clusters with IAM joining only (join_method: iam)"),
                stack(StackFixture.CLUSTER.replace("join_method: iam", "join_method: github")).errors());
    }

    @Test
    void aClusterWithoutBotCannotHoldManagedResources() {
        String adopted = "kind: workload_cluster\nversion: v1\nmetadata: {name: child}\n"
                + "spec: {regions: [{name: us-west-2}]}\n";
        assertEquals(List.of(), stack(adopted).errors());
        assertEquals(1, stack(adopted, role("dev", "child")).errors().size());
    }

    @Test
    void teleportProviderNeedsTheParentProxy() {
        StackFixture fixture = new StackFixture(dir).file("stack.yaml",
                StackFixture.STACK.replace("provider: simulator", "provider: teleport"));
        assertEquals(List.of("spec.parent.proxy: is required with provider teleport (the parent cluster's proxy, "
                + "e.g. acme.teleport.sh:443)"), fixture.errors());
    }

    @Test
    void clusterOverridesMustNameAWorkloadCluster() {
        StackFixture fixture = new StackFixture(dir).file("stack.yaml",
                StackFixture.STACK + "  clusters:\n    other: {identity_file: /x}\n").file("c.yaml", StackFixture.CLUSTER);
        assertEquals(List.of("spec.clusters.other: names no workload_cluster of this stack"), fixture.errors());
    }

    @Test
    void inviteLinksLastAtMost48Hours() {
        assertEquals(List.of("invite.ttl: Teleport issues invite links valid for at most 48h"),
                stack(user("a", null, "[access]") + "invite: {ttl: 49h}\n").errors());
        assertEquals(List.of(), stack(user("a", null, "[access]") + "invite: {ttl: 48h}\n").errors());
    }

    @Test
    void stackNamesMustSuitARefAndAFileName() {
        StackFixture fixture = new StackFixture(dir).file("stack.yaml",
                StackFixture.STACK.replace("name: test", "name: a/b"));
        assertEquals(1, fixture.errors().size());
    }

    private static final String TEAM_A = StackFixture.CLUSTER.replace("name: child", "name: team-a");
    private static final String TEAM_B = StackFixture.CLUSTER.replace("name: child", "name: team-b");

    private static List<String> addresses(StackFixture fixture) {
        return fixture.valid().resources().stream().filter(r -> r.kind() != ResourceKind.WORKLOAD_CLUSTER)
                .map(r -> r.address().toString()).toList();
    }

    @Test
    void starPlacesOneCopyInEveryWorkloadClusterAndNoneInTheParent() {
        assertEquals(List.of("role/base@child", "role/base@team-a", "role/base@team-b"),
                addresses(stack(StackFixture.CLUSTER, TEAM_A, TEAM_B, role("base", "\"*\""))));
    }

    @Test
    void aGlobMatchesClustersByName() {
        assertEquals(List.of("role/t@team-a", "role/t@team-b"),
                addresses(stack(StackFixture.CLUSTER, TEAM_A, TEAM_B, role("t", "\"team-*\""))));
        assertEquals(List.of("role/t@team-a", "role/t@team-b"),
                addresses(stack(StackFixture.CLUSTER, TEAM_A, TEAM_B, role("t", "\"team-?\""))));
        assertEquals(List.of("role/t@child", "role/t@team-b"),
                addresses(stack(StackFixture.CLUSTER, TEAM_A, TEAM_B, role("t", "[child, \"*-b\"]"))));
    }

    @Test
    void aListIsTheUnionOfItsNamesAndGlobs() {
        assertEquals(List.of("user/u@child", "user/u@team-a", "user/u@team-b"),
                addresses(stack(StackFixture.CLUSTER, TEAM_A, TEAM_B, user("u", "[child, \"*\", \"team-*\"]", "[access]"))));
    }

    @Test
    void addingAClusterAddsTheCopies() {
        assertEquals(List.of("role/base@child"), addresses(stack(StackFixture.CLUSTER, role("base", "\"*\""))));
        assertEquals(List.of("role/base@child", "role/base@team-a"),
                addresses(stack(StackFixture.CLUSTER, TEAM_A, role("base", "\"*\""))));
    }

    @Test
    void aGlobMatchingNoClusterIsAnErrorNamingTheClustersThereAre() {
        assertEquals(List.of("cluster: \"tema-*\" matches no workload_cluster of this stack (there are: child, "
                        + "team-a, team-b); the resource would be managed nowhere"),
                stack(StackFixture.CLUSTER, TEAM_A, TEAM_B, role("t", "\"tema-*\"")).errors());
        assertEquals(List.of("cluster[1]: \"team-*\" matches no workload_cluster of this stack (it declares none); the "
                        + "resource would be managed nowhere"),
                stack(role("t", "[child, \"team-*\"]")).errors().subList(1, 2));
    }

    @Test
    void aGlobCopyDeclaredAgainIsADuplicate() {
        assertEquals(List.of("metadata.name: role/base@team-a is declared twice (first at f2.yaml:1)"),
                stack(StackFixture.CLUSTER, TEAM_A, role("base", "\"*\""), role("base", "team-a")).errors());
    }

    @Test
    void aProblemWithOneCopyPointsAtTheGlobThatMadeIt() {
        StackFixture fixture = stack("kind: workload_cluster\nversion: v1\nmetadata: {name: child}\nspec: {regions: [{name: us-west-2}]}\n", TEAM_A,
                role("base", "[team-a, \"c*\"]"));
        assertEquals(List.of("cluster[1]: workload cluster \"child\" has no spec.bot and spec.token, so Teleform "
                + "cannot obtain an identity for it to manage roles"), fixture.errors());
    }
}
