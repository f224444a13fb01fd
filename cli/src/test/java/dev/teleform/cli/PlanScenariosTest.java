package dev.teleform.cli;

import dev.teleform.engine.testing.StackSeeder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.teleform.engine.json.CanonicalJson;
import java.io.IOException;
import java.util.List;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code teleform plan} in the situations a reviewer meets, against the simulator, with the exact
 * output approved. Each test starts from the same small stack: one workload cluster with a role
 * and a user, and a parent role.
 */
class PlanScenariosTest {

    @TempDir
    Path dir;

    private static final String STACK = """
            kind: stack
            version: v1
            metadata: {name: scenarios}
            spec:
              provider: simulator
              simulator: {provisioning_delay: 0s}
            """;
    private static final String CLUSTER = dev.teleform.engine.testing.TestStacks.workloadCluster("teleform-sim");
    private static final String PARENT_ROLE = """
            kind: role
            version: v7
            metadata: {name: workload-cluster-editor}
            spec:
              allow:
                rules: [{resources: [workload_cluster], verbs: [list, read, create, update, delete]}]
            """;
    private static final String CHILD_ROLE = """
            kind: role
            version: v7
            metadata: {name: example}
            cluster: child
            spec:
              allow:
                logins: [ubuntu]
                node_labels: {env: dev}
              options: {max_session_ttl: 8h}
            """;
    private static final String CHILD_USER = """
            kind: user
            version: v2
            metadata: {name: alice}
            cluster: child
            spec: {roles: [example]}
            """;

    @BeforeEach
    void baseStack() throws IOException {
        write("stack.yaml", STACK);
        write("cluster.yaml", CLUSTER);
        write("parent.yaml", PARENT_ROLE);
        write("child.yaml", CHILD_ROLE + "---\n" + CHILD_USER);
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
    }

    /** Runs teleform on the scenario's stack: {@code plan ... DIR}, or {@code sim -C DIR ...}. */
    private String run(String... args) {
        java.util.List<String> full = new java.util.ArrayList<>();
        if (args[0].equals("plan")) {
            lastArgs = args;
        }
        if (args[0].equals("sim")) {
            full.addAll(java.util.List.of("sim", "-C", dir.toString()));
            full.addAll(java.util.List.of(args).subList(1, args.length));
        } else {
            full.addAll(java.util.List.of(args));
            full.add(dir.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TeleformCli.run(full.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return ("exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err).replace(dir.toString(), "<stack>");
    }

    /**
     * Approves the scenario's text transcript, then runs the same plan as JSON and markdown and
     * approves those too; the JSON must also be valid against schemas/plan.schema.json.
     */
    private void approve(String name, String transcript) {
        Approvals.verify(transcript, new Options().forFile().withAdditionalInformation(name));
        String[] args = lastArgs;
        String json = stdout(runWith(args, "--format", "json"));
        List<Error> errors = PLAN_SCHEMA.validate(CanonicalJson.mapper().readTree(json));
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), json);
        Approvals.verify(json, new Options().forFile().withAdditionalInformation(name + ".json"));
        Approvals.verify(stdout(runWith(args, "--format", "markdown")),
                new Options().forFile().withAdditionalInformation(name + ".md"));
    }

    static final Schema PLAN_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/plan.schema.json"));

    private String[] lastArgs;

    private String runWith(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return run(all);
    }

    private static String stdout(String transcript) {
        return transcript.substring(transcript.indexOf("--- stdout\n") + 11, transcript.indexOf("--- stderr\n"));
    }

    @Test
    void noChanges() {
        StackSeeder.apply(dir);
        approve("no-changes", run("plan", "--detailed-exitcode"));
    }

    @Test
    void createEverything() {
        approve("create-all", run("plan", "--detailed-exitcode"));
    }

    @Test
    void updateFieldsInPlace() throws IOException {
        StackSeeder.apply(dir);
        write("child.yaml", CHILD_ROLE.replace("logins: [ubuntu]", "logins: [ubuntu, ops]")
                .replace("max_session_ttl: 8h", "max_session_ttl: 10h").replace("    node_labels: {env: dev}\n", "")
                + "---\n" + CHILD_USER.replace("roles: [example]", "roles: [example, access]"));
        approve("update", run("plan"));
    }

    @Test
    void deleteWhatLeftTheStack() throws IOException {
        StackSeeder.apply(dir);
        Files.delete(dir.resolve("parent.yaml"));
        approve("delete", run("plan"));
    }

    @Test
    void driftIsReportedAndRestored() {
        StackSeeder.apply(dir);
        assertEquals("exit 0", run("sim", "edit", "role/example@child", "--set", "spec.allow.logins=[root]").lines()
                .findFirst().orElseThrow());
        approve("drift", run("plan", "--detailed-exitcode"));
    }

    @Test
    void aDeleteTheBotMayNotDoIsRefused() throws IOException {
        StackSeeder.apply(dir);
        write("child.yaml", CHILD_ROLE);
        approve("refused-delete", run("plan"));
    }

    @Test
    void replaceOnRequest() throws IOException {
        write("parent.yaml", PARENT_ROLE + "---\n" + CHILD_USER.replace("cluster: child\n", "")
                .replace("roles: [example]", "roles: [access]"));
        StackSeeder.apply(dir);
        approve("replace", run("plan", "--replace", "role/workload-cluster-editor", "--replace", "user/alice"));
    }

    @Test
    void replaceIsRefusedWhereItWouldDeleteWhatCannotBeDeleted() {
        StackSeeder.apply(dir);
        approve("replace-refused", run("plan", "--replace", "role/example@child", "--replace", "user/alice@child"));
    }

    @Test
    void ignoredChangesAreNotTouched() throws IOException {
        write("child.yaml", CHILD_ROLE + "lifecycle: {ignore_changes: [/spec/allow/logins]}\n---\n" + CHILD_USER);
        StackSeeder.apply(dir);
        run("sim", "edit", "role/example@child", "--set", "spec.allow.logins=[root]");
        approve("ignore-changes", run("plan", "--detailed-exitcode"));
    }

    @Test
    void preventDestroyRefusesTheDelete() throws IOException {
        write("parent.yaml", PARENT_ROLE + "lifecycle: {prevent_destroy: true}\n");
        StackSeeder.apply(dir);
        Files.delete(dir.resolve("parent.yaml"));
        approve("prevent-destroy", run("plan"));
    }

    @Test
    void severalWorkloadClusters() throws IOException {
        write("cluster.yaml", CLUSTER + "---\n" + CLUSTER.replace("name: child", "name: staging"));
        write("staging.yaml", CHILD_ROLE.replace("cluster: child", "cluster: staging"));
        approve("multi-cluster", run("plan"));
    }

    @Test
    void aTargetBringsWhatItNeeds() {
        approve("target", run("plan", "--target", "user/alice@child"));
    }

    @Test
    void anExcludedRoleLeavesOutTheUsersThatNeedIt() {
        approve("exclude-role", run("plan", "--exclude", "role/example@child"));
    }

    @Test
    void anExcludedClusterLeavesOutEverythingInIt() {
        approve("exclude-cluster", run("plan", "--exclude", "workload_cluster/child"));
    }

    @Test
    void aPlanMadeWithoutJoiningTheClustersSaysSoAtItsTop() throws IOException {
        StackSeeder.apply(dir);
        write("child.yaml", CHILD_ROLE.replace("logins: [ubuntu]", "logins: [ubuntu, ops]") + "---\n" + CHILD_USER);
        approve("not-joined", run("plan", "--no-join-clusters"));
    }

    @Test
    void aMistypedAddressIsAnErrorThatNamesTheOneItMayMeanNotAQuietNothing() {
        for (String option : List.of("--target", "--exclude", "--replace")) {
            CliRun run = CliRun.on("plan", dir, option, "role/exmaple@child");
            assertEquals(1, run.exit(), option + ": " + run.out() + run.err());
            assertEquals("", run.out(), option);
            assertEquals("teleform: " + option + " role/exmaple@child: neither the stack nor state has this resource; "
                    + "did you mean \"role/example@child\"?\n", run.err());
        }
        CliRun unlike = CliRun.on("plan", dir, "--target", "user/nobody@child", "--target", "role/nobody");
        assertEquals(1, unlike.exit());
        assertEquals("teleform: --target role/nobody: neither the stack nor state has this resource\n"
                + "teleform: --target user/nobody@child: neither the stack nor state has this resource\n", unlike.err());
    }

    @Test
    void whenEveryChangeIsExcludedThePlanSaysSoRatherThanNoChanges() throws IOException {
        StackSeeder.apply(dir);
        write("child.yaml", CHILD_ROLE + "---\n" + CHILD_USER.replace("spec: {roles: [example]}",
                "spec: {roles: [example], traits: {logins: [alice]}}"));
        approve("exclude-everything", run("plan", "--exclude", "user/alice@child"));
    }

    @Test
    void aDestroyKeepsWhatIsExcludedAndTheClusterThatWouldTakeItAlong() {
        StackSeeder.apply(dir);
        approve("exclude-destroy", run("plan", "--destroy", "--exclude", "role/example@child"));
    }

    @Test
    void aRefusedChangeLeftOutNoLongerRefusesTheRest() throws IOException {
        StackSeeder.apply(dir);
        write("cluster.yaml", CLUSTER.replace("us-west-2", "eu-central-1"));
        write("parent.yaml", PARENT_ROLE.replace("verbs: [list, read, create, update, delete]", "verbs: [list, read]"));
        approve("exclude-refused", run("plan", "--exclude", "workload_cluster/child"));
    }

    @Test
    void refreshOnlyReportsDriftAndChangesNothing() {
        StackSeeder.apply(dir);
        run("sim", "delete", "user/alice@child");
        run("sim", "edit", "role/workload-cluster-editor", "--set", "metadata.description=hand-edited",
                "--set", "spec.allow.rules[0].verbs=[list]");
        approve("refresh-only", run("plan", "--refresh-only", "--detailed-exitcode"));
    }

    @Test
    void destroyDeletesEverythingAndTheClusterTakesItsContents() {
        StackSeeder.apply(dir);
        approve("destroy", run("plan", "--destroy"));
    }

    @Test
    void aPlanMadeWithAllowDestroySaysSoAtItsTop() {
        StackSeeder.apply(dir);
        approve("destroy-allowed", run("plan", "--destroy", "--allow-destroy"));
    }

    @Test
    void aWorkloadClusterSpecChangeIsRefusedWithTheWayOut() throws IOException {
        StackSeeder.apply(dir);
        write("cluster.yaml", CLUSTER.replace("us-west-2", "eu-central-1"));
        approve("cluster-spec-change", run("plan"));
    }

    @Test
    void whatExistsAsTheStackWantsItIsAdopted() throws IOException {
        StackSeeder.apply(dir);
        TestFiles.deleteTree(dir.resolve(".teleform/state.git"));
        approve("adopt", run("plan"));
    }

    @Test
    void aClusterAddedToTheStackGetsTheEveryClusterBaseline() throws IOException {
        write("baseline.yaml", CHILD_ROLE.replace("name: example", "name: baseline").replace("cluster: child",
                "cluster: \"*\""));
        StackSeeder.apply(dir);
        write("cluster.yaml", CLUSTER + "---\n" + CLUSTER.replace("name: child", "name: staging"));
        approve("glob-cluster-added", run("plan"));
    }

    /** A tenant per line of tenants.yaml: its workload cluster, admin role and admin user stamped from one template. */
    private static final String TENANT = """
            kind: workload_cluster
            version: v1
            for_each: {file: tenants.yaml}
            metadata: {name: "${each.key}"}
            spec:
              regions: [{name: "${each.value.region}"}]
              bot: {name: example-iam}
              token:
                join_method: iam
                allow: [{aws_account: "123456789012", aws_arn: "arn:aws:iam::123456789012:role/teleform-sim"}]
            ---
            kind: role
            version: v7
            for_each: {file: tenants.yaml}
            metadata: {name: tenant-admin}
            cluster: "${each.key}"
            spec: {allow: {logins: [ubuntu]}}
            ---
            kind: user
            version: v2
            for_each: {file: tenants.yaml}
            metadata: {name: "${each.value.admin}"}
            cluster: "${each.key}"
            spec: {roles: [tenant-admin]}
            """;

    @Test
    void aTenantAddedToTheDataFileAddsItsClusterRoleAndUser() throws IOException {
        write("tenant.yaml", TENANT);
        write("tenants.yaml", "acme: {region: us-west-2, admin: alice}\n");
        StackSeeder.apply(dir);
        write("tenants.yaml", "acme: {region: us-west-2, admin: alice}\nglobex: {region: eu-central-1, admin: hank}\n");
        approve("tenant-added", run("plan"));
    }

    @Test
    void aTenantRemovedFromTheDataFileDeletesItsClusterAndWhatIsInIt() throws IOException {
        write("tenant.yaml", TENANT);
        write("tenants.yaml", "acme: {region: us-west-2, admin: alice}\nglobex: {region: eu-central-1, admin: hank}\n");
        StackSeeder.apply(dir);
        write("tenants.yaml", "acme: {region: us-west-2, admin: alice}\n");
        approve("tenant-removed", run("plan"));
    }

    @Test
    void aWarningInAStampedDocumentNamesTheTemplateAndTheItem() throws IOException {
        write("tenant.yaml", TENANT.replace("roles: [tenant-admin]", "roles: [tenant-admin, \"${each.value.extra}\"]"));
        write("tenants.yaml", "acme: {region: us-west-2, admin: alice, extra: ops}\n");
        approve("stamp-warning", run("plan"));
    }

    @Test
    void aStampedClusterSpecChangeIsRefusedNamingTheTemplateAndTheItem() throws IOException {
        write("tenant.yaml", TENANT);
        write("tenants.yaml", "acme: {region: us-west-2, admin: alice}\nglobex: {region: eu-central-1, admin: hank}\n");
        StackSeeder.apply(dir);
        write("tenants.yaml", "acme: {region: us-west-2, admin: alice}\nglobex: {region: us-east-1, admin: hank}\n");
        approve("stamp-refused", run("plan"));
    }
}
