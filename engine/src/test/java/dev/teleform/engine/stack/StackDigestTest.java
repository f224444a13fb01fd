package dev.teleform.engine.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.source.LoadLimits;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack digest a plan file records holds what the stack means: the files as written and the values they read,
 * but no secret, not where state lives and not how a job reaches Teleport, so a rotated token never makes a reviewed
 * plan stale, nor does applying it with another job's bot.
 */
class StackDigestTest {

    private static final String STACK = """
            kind: stack
            version: v1
            metadata: {name: test}
            spec:
              provider: simulator
              environment:
                - LOGIN
                - {name: TOKEN, sensitive: true}
                - REMOTE
                - {name: SECRET_REMOTE, sensitive: true}
              state:
                remote: "${env:REMOTE:-}${env:SECRET_REMOTE:-}"
            """;

    private static final String ROLE = """
            kind: role
            version: v7
            metadata: {name: ops}
            spec:
              allow:
                logins: ["${env:LOGIN}", "${env:TOKEN}", "${var:extra:-none}"]
            """;

    @TempDir
    Path dir;

    private StackFixture stack() {
        return new StackFixture(dir).file("stack.yaml", STACK).file("roles.yaml", ROLE);
    }

    private String digest(Map<String, String> vars, Map<String, String> env) {
        StackLoader.LoadedDocuments loaded = new StackLoader(new LoadOptions(vars, env::get, LoadLimits.DEFAULT))
                .load(dir);
        assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
        return loaded.digest();
    }

    private String digest(Map<String, String> env) {
        return digest(Map.of(), env);
    }

    private static Map<String, String> env(String login, String token, String remote, String secretRemote) {
        return Map.of("LOGIN", login, "TOKEN", token, "REMOTE", remote, "SECRET_REMOTE", secretRemote);
    }

    @Test
    void aSensitiveValueIsNotPartOfTheDigest() {
        stack();
        assertEquals(digest(env("ubuntu", "s3cret-1", "", "")), digest(env("ubuntu", "s3cret-2", "", "")),
                "a rotated secret leaves a reviewed plan good, and a digest of a short secret could be guessed back");
    }

    @Test
    void whereStateLivesIsNotPartOfTheDigestEvenWhenItsVariableIsNotSensitive() {
        stack();
        String planned = digest(env("ubuntu", "t", "https://x:token-1@git.example/state.git", ""));
        assertEquals(planned, digest(env("ubuntu", "t", "https://x:token-2@git.example/state.git", "")));
        assertEquals(planned, digest(env("ubuntu", "t", "", "https://x:token-3@git.example/state.git")));
        new StackFixture(dir).file("stack.yaml", STACK.replace("remote: \"", "remote: \"git://elsewhere/x.git"));
        assertEquals(planned, digest(env("ubuntu", "t", "", "")), "a remote written out is not the stack's meaning");
    }

    @Test
    void howAJobReachesTeleportIsNotPartOfTheDigestButWhichTeleportIs() {
        String ci = """
                kind: stack
                version: v1
                metadata: {name: ci}
                spec:
                  provider: teleport
                  environment: [PROXY, JOIN_TOKEN, TBOT, LOGIN, {name: TOKEN, sensitive: true}]
                  parent:
                    proxy: "${env:PROXY}"
                    join: {method: github, token: "${env:JOIN_TOKEN}"}
                  bootstrap:
                    tbot: "${env:TBOT}"
                """;
        new StackFixture(dir).file("stack.yaml", ci).file("roles.yaml", ROLE);
        Map<String, String> plan = Map.of("PROXY", "acme.teleport.sh:443", "JOIN_TOKEN", "teleform-plan",
                "TBOT", "/usr/bin/tbot", "LOGIN", "ubuntu", "TOKEN", "t");
        String planned = digest(plan);
        Map<String, String> apply = new java.util.HashMap<>(plan);
        apply.put("JOIN_TOKEN", "teleform-ci");
        apply.put("TBOT", "/opt/teleport/bin/tbot");
        assertEquals(planned, digest(apply), "the plan job's bot and the apply job's, each with its own tbot");
        new StackFixture(dir).file("stack.yaml", ci.replace("token: \"${env:JOIN_TOKEN}\"", "token: teleform-ci"));
        assertEquals(planned, digest(plan), "a join token written out is not the stack's meaning either");
        new StackFixture(dir).file("stack.yaml", ci);
        Map<String, String> elsewhere = new java.util.HashMap<>(plan);
        elsewhere.put("PROXY", "other.teleport.sh:443");
        assertNotEquals(planned, digest(elsewhere), "another Teleport");
    }

    @Test
    void aValueThatIsNotSensitiveIsPartOfTheDigest() {
        stack();
        assertNotEquals(digest(env("ubuntu", "t", "", "")), digest(env("admin", "t", "", "")));
    }

    @Test
    void aVarThatTheStackReadsIsPartOfTheDigestAndOneItDoesNotReadIsNot() {
        stack();
        String planned = digest(Map.of(), env("ubuntu", "t", "", ""));
        assertNotEquals(planned, digest(Map.of("extra", "root"), env("ubuntu", "t", "", "")));
        assertEquals(planned, digest(Map.of("unread", "x"), env("ubuntu", "t", "", "")));
    }

    @Test
    void aChangedFileChangesTheDigest() {
        stack();
        String planned = digest(env("ubuntu", "t", "", ""));
        new StackFixture(dir).file("roles.yaml", ROLE.replace("name: ops", "name: dev"));
        assertNotEquals(planned, digest(env("ubuntu", "t", "", "")));
        new StackFixture(dir).file("stack.yaml", STACK.replace("provider: simulator", "provider: teleport"));
        assertNotEquals(planned, digest(env("ubuntu", "t", "", "")));
    }
}
