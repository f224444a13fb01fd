package dev.teleform.engine.stack;

import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.source.ParsedFileCache;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code for_each} as a stack's reader sees it; the corpus shows its problems as users see them. */
class ForEachTest {

    @TempDir
    Path dir;

    @TempDir
    Path cacheDir;

    private static final String TENANT = """
            kind: workload_cluster
            version: v1
            for_each: {file: data/tenants.yaml}
            metadata: {name: "${each.key}"}
            spec:
              regions: [{name: "${each.value.region}"}]
              bot: {name: tenant-bot}
              token:
                join_method: iam
                allow: [{aws_account: "123456789012", aws_arn: "arn:aws:iam::123456789012:role/ci"}]
            ---
            kind: role
            version: v7
            for_each: {file: data/tenants.yaml}
            metadata: {name: tenant-admin}
            cluster: "${each.key}"
            spec: {allow: {logins: ["admin-${each.key}"]}}
            """;

    private StackFixture stack(String tenants) {
        return new StackFixture(dir).file("stack.yaml", StackFixture.STACK).file("tenant.yaml", TENANT)
                .file("data/tenants.yaml", tenants);
    }

    private static List<String> addresses(Stack stack) {
        return stack.resources().stream().map(r -> r.address().toString()).toList();
    }

    @Test
    void eachItemOfADataFileBelowTheStackStampsItsDocuments() {
        Stack stack = stack("acme: {region: us-west-2}\nglobex: {region: eu-central-1}\n").valid();
        assertEquals(List.of("workload_cluster/acme", "workload_cluster/globex", "role/tenant-admin@acme",
                "role/tenant-admin@globex"), addresses(stack));
        Resource globex = stack.resources().stream()
                .filter(r -> r.kind() == ResourceKind.WORKLOAD_CLUSTER && r.name().equals("globex")).findFirst()
                .orElseThrow();
        assertEquals("eu-central-1", globex.document().at("/spec/regions/0/name").asString());
        assertTrue(globex.document().path("for_each").isMissingNode(), "for_each is Teleform's, never sent");
        Resource role = stack.resources().get(2);
        assertEquals("admin-acme", role.document().at("/spec/allow/logins/0").asString());
    }

    @Test
    void theStackDigestHoldsTheDataFile() {
        StackFixture fixture = stack("acme: {region: us-west-2}\n");
        String before = fixture.valid().digest();
        assertEquals(before, fixture.valid().digest());
        fixture.file("data/tenants.yaml", "acme: {region: us-west-2}  # same items, other bytes\n");
        assertNotEquals(before, fixture.valid().digest(), "a plan made before the data file changed is stale");
    }

    @Test
    void aChangedDataFileIsReadAgainThoughTheTemplateComesFromTheCache() {
        // no "${" in the template, so its file is cached; its stamps are made afresh on every read
        StackFixture fixture = new StackFixture(dir).file("stack.yaml", StackFixture.STACK)
                .file("roles.yaml", "kind: role\nversion: v7\nfor_each: {file: names.yaml}\nmetadata: {name: fixed}\n"
                        + "spec: {}\n")
                .file("names.yaml", "[one]\n");
        LoadOptions cached = new LoadOptions(Map.of(), name -> null, LoadOptions.defaults().limits(),
                ParsedFileCache.in(cacheDir, "t"));
        StackReader reader = new StackReader(cached);
        assertTrue(reader.read(dir) instanceof StackResult.Valid);
        assertTrue(reader.read(dir) instanceof StackResult.Valid);
        fixture.file("names.yaml", "[one, two]\n");
        StackResult twice = reader.read(dir);
        assertEquals(List.of("metadata.name: role/fixed is declared twice (first at roles.yaml:1, stamped for \"one\" "
                + "by names.yaml:1:2)"), twice.diagnostics().all().stream().map(d -> d.field() + ": " + d.message())
                .toList());
    }

    @Test
    void removingTheLastItemLeavesNoStampAndNoProblem() {
        assertEquals(List.of(), addresses(stack("{}\n").valid()));
        assertEquals(List.of(), addresses(stack("").valid()));
    }

    @Test
    void aListStampsWithItsItemsAsKeysAndValues() {
        Stack stack = new StackFixture(dir).file("stack.yaml", StackFixture.STACK)
                .file("roles.yaml", "kind: role\nversion: v7\nfor_each: [dev, 7]\nmetadata: {name: \"team-${each.key}\"}\n"
                        + "spec: {allow: {logins: [\"${each.value}\"]}}\n").valid();
        assertEquals(List.of("role/team-7", "role/team-dev"), addresses(stack));
    }

    @Test
    void aStampedProblemNamesTheTemplateAndTheItem() {
        StackResult result = stack("acme: {region: us-west-2}\nglobex: {}\n").read();
        assertEquals(List.of("tenant.yaml:6:20 (for_each \"globex\" at data/tenants.yaml:2:1): error: "
                + "spec.regions[0].name: ${each.value.region}: item \"globex\" has no field \"region\""),
                result.diagnostics().all().stream().map(d -> d.format(dir)).toList());
    }
}
