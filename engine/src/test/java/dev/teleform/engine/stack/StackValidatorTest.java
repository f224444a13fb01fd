package dev.teleform.engine.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.resource.InvitePolicy;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.testing.TestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackValidatorTest {

    @TempDir
    Path dir;

    /** The stack document, the child cluster and {@code yaml} as a third file. */
    private Stack withChildCluster(String yaml) {
        return validStack(new StackFixture(dir).file("stack.yaml", StackFixture.STACK)
                .file("cluster.yaml", StackFixture.CLUSTER).file("resources.yaml", yaml));
    }

    private Stack validStack(StackFixture fixture) {
        StackResult result = fixture.read();
        return assertInstanceOf(StackResult.Valid.class, result, () -> result.diagnostics().format(dir)).stack();
    }

    @Test
    void buildsResourcesWithAddressesSortedParentFirst() {
        Stack stack = withChildCluster("""
                        kind: user
                        version: v2
                        metadata: {name: alice}
                        cluster: child
                        spec: {roles: [access]}
                        ---
                        kind: role
                        version: v7
                        metadata: {name: wc-editor}
                        spec: {}
                        """);
        assertEquals(List.of("role/wc-editor", "workload_cluster/child", "user/alice@child"),
                stack.resources().stream().map(r -> r.address().toString()).toList());
        assertEquals("1 workload cluster, 1 role, 1 user", stack.summary());
    }

    @Test
    void stripsTeleformKeysAndServerSetFieldsFromWhatIsSent() {
        Stack stack = withChildCluster("""
                        kind: user
                        version: v2
                        metadata: {name: alice, revision: abc}
                        cluster: child
                        lifecycle: {prevent_destroy: true, ignore_changes: [/spec/traits]}
                        invite: {ttl: 30m}
                        spec: {roles: [access], created_by: {user: {name: x}}}
                        status: {password_state: 1}
                        """);
        Resource alice = stack.resources().getLast();
        assertEquals("{\"kind\":\"user\",\"version\":\"v2\",\"metadata\":{\"name\":\"alice\"},"
                + "\"spec\":{\"roles\":[\"access\"]}}", alice.document().toString());
        assertTrue(alice.lifecycle().preventDestroy());
        assertEquals(List.of("/spec/traits"), alice.lifecycle().ignoreChanges());
        assertEquals(new InvitePolicy(true, Duration.ofMinutes(30)), alice.invite());
        assertEquals(5, alice.source().at("/lifecycle/prevent_destroy").line(), "positions stay with the resource");
    }

    @Test
    void invitesDefaultToTwoHoursAndCanBeTurnedOff() {
        Stack stack = validStack(new StackFixture(dir).file("stack.yaml", StackFixture.STACK)
                .file("users.yaml", """
                        kind: user
                        version: v2
                        metadata: {name: a}
                        spec: {roles: [access]}
                        ---
                        kind: user
                        version: v2
                        metadata: {name: b}
                        spec: {roles: [access]}
                        invite: false
                        """));
        assertEquals(InvitePolicy.DEFAULT, stack.resources().get(0).invite());
        assertFalse(stack.resources().get(1).invite().enabled());
    }

    @Test
    void fillsSettingDefaults() {
        StackSettings settings = validStack(new StackFixture(dir).file("stack.yaml", StackFixture.STACK)).settings();
        assertEquals("test", settings.name());
        assertEquals("simulator", settings.provider());
        assertEquals(new StackSettings.State(Path.of(".teleform/state.git"), "main", "test.json", Optional.empty(),
                Duration.ofMinutes(10)),
                settings.state());
        assertEquals(new StackSettings.Bootstrap("tbot", "tctl"), settings.bootstrap());
        assertEquals(Duration.ofMinutes(30), settings.waitTimeout());
        assertEquals(new StackSettings.Simulator(Path.of(".teleform/sim"), Duration.ofSeconds(5), "123456789012",
                "arn:aws:iam::123456789012:role/teleform-sim", false), settings.simulator());
    }

    @Test
    void readsWhetherTheSimulatorRefusesItsBotsList() {
        StackSettings settings = validStack(new StackFixture(dir).file("stack.yaml", """
                kind: stack
                version: v1
                metadata: {name: test}
                spec:
                  provider: simulator
                  simulator: {deny_bot_list: true}
                """).file("cluster.yaml", StackFixture.CLUSTER)).settings();
        assertTrue(settings.simulator().denyBotList());
    }

    @Test
    void readsEverySetting() {
        StackSettings settings = validStack(new StackFixture(dir).file("stack.yaml", """
                kind: stack
                version: v1
                metadata: {name: prod}
                spec:
                  provider: teleport
                  parent: {proxy: acme.teleport.sh:443, identity_file: /id}
                  state: {repo: /srv/state.git, branch: live, file: p.json, remote: "git://127.0.0.1/s.git", lock_lease: 90s}
                  bootstrap: {tbot: /opt/tbot, tctl: /opt/tctl}
                  defaults: {wait_timeout: 1h}
                """).file("cluster.yaml", StackFixture.CLUSTER).file("more.yaml", """
                kind: stack
                version: v1
                metadata: {name: ignored}
                spec: {provider: simulator}
                """.replace("kind: stack", "kind: role").replace("version: v1", "version: v7")
                .replace("spec: {provider: simulator}", "spec: {}"))).settings();
        assertEquals(Optional.of("acme.teleport.sh:443"), settings.parent().proxy());
        assertEquals(Optional.of("/id"), settings.parent().identityFile());
        assertEquals(new StackSettings.State(Path.of("/srv/state.git"), "live", "p.json",
                Optional.of("git://127.0.0.1/s.git"), Duration.ofSeconds(90)), settings.state());
        assertEquals(Duration.ofHours(1), settings.waitTimeout());
        assertEquals("/opt/tctl", settings.bootstrap().tctl());
    }

    @Test
    void readsTheSshSettingsOfTheStateRemoteAndNeverPrintsTheKey() {
        String key = TestKeys.privateKeyPem();
        new StackFixture(dir).file("stack.yaml", """
                kind: stack
                version: v1
                metadata: {name: prod}
                spec:
                  provider: simulator
                  environment:
                    - {name: STATE_SSH_KEY, sensitive: true}
                  state: {remote: "git@github.com:acme/state.git", ssh_key: "${env:STATE_SSH_KEY}", known_hosts: ci/known_hosts}
                """).file("cluster.yaml", StackFixture.CLUSTER);
        StackResult read = new StackReader(LoadOptions.defaults().withEnv(Map.of("STATE_SSH_KEY", key)::get)).read(dir);
        StackSettings settings = assertInstanceOf(StackResult.Valid.class, read, () -> read.diagnostics().format(dir))
                .stack().settings();
        assertEquals(Optional.of(key), settings.state().sshKey());
        assertEquals(Optional.of("ci/known_hosts"), settings.state().knownHosts());
        assertFalse(settings.toString().contains(TestKeys.bodyLine(key)), settings.toString());
    }

    @Test
    void aPrivateKeyWrittenInTheStackFileIsRefusedWithoutBeingShown() {
        // made now and indented into the stack file as a YAML block: no key, not even a fake one, is kept in the
        // repository
        String key = TestKeys.privateKeyPem();
        new StackFixture(dir).file("stack.yaml", """
                kind: stack
                version: v1
                metadata: {name: prod}
                spec:
                  provider: simulator
                  state:
                    remote: ssh://git@127.0.0.1:2222/state.git
                    ssh_key: |
                """ + key.indent(6)).file("cluster.yaml", StackFixture.CLUSTER);
        StackResult read = new StackReader(LoadOptions.defaults()).read(dir);
        String problems = read.diagnostics().format(dir);
        assertInstanceOf(StackResult.Invalid.class, read, problems);
        assertEquals("stack.yaml:8:14: error: spec.state.ssh_key: holds a private key that is written in the stack or "
                + "comes from a variable not declared sensitive; take it from a sensitive environment variable "
                + "(spec.environment: [{name: NAME, sensitive: true}], ssh_key: ${env:NAME}) or name a key file", problems);
        assertFalse(problems.contains(TestKeys.bodyLine(key)));
    }
}
