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
 * but no secret and not where state lives, so a rotated token never makes a reviewed plan stale.
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
