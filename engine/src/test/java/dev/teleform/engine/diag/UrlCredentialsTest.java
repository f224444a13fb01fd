package dev.teleform.engine.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UrlCredentialsTest {

    @Test
    void masksUserAndPasswordButKeepsSchemeHostAndPath() {
        assertEquals("https://***@git.example.com/acme/state.git",
                UrlCredentials.mask("https://deploy:TOKEN@git.example.com/acme/state.git"));
        assertEquals("ssh://***@git.example.com:2222/srv/state.git",
                UrlCredentials.mask("ssh://user:pw@git.example.com:2222/srv/state.git"));
    }

    @Test
    void masksATokenGivenAsTheUserAlone() {
        assertEquals("https://***@github.com/acme/state.git",
                UrlCredentials.mask("https://ghp_TOKEN@github.com/acme/state.git"));
    }

    @Test
    void masksPasswordsThatHoldCharactersAUrlShouldHaveEscaped() {
        assertEquals("https://***@host/state.git", UrlCredentials.mask("https://user:p@ss@host/state.git"));
        assertEquals("https://***@host/state.git", UrlCredentials.mask("https://user:pa/ss@host/state.git"));
        assertEquals("https://***@host/state.git", UrlCredentials.mask("https://us er:pa ss@host/state.git"));
    }

    @Test
    void leavesUrlsWithoutUserInfoAlone() {
        for (String url : new String[] {"https://git.example.com/acme/state.git", "git://127.0.0.1:1/state.git",
            "file:///srv/state.git", "/srv/state.git", "git@github.com:acme/state.git", "https://***@host/x.git"}) {
            assertEquals(url, UrlCredentials.mask(url), "scp-like git@host:path names a user but holds no secret");
        }
    }

    @Test
    void scrubsEveryUrlInAText() {
        assertEquals("cannot fetch from https://***@host/a.git: https://***@host/a.git: not authorized "
                        + "(try ssh://***@other/b.git or git@host:a.git, mail ops@example.com)",
                UrlCredentials.scrub("cannot fetch from https://u:s3cret@host/a.git: https://u@host/a.git: not authorized "
                        + "(try ssh://git:pw@other/b.git or git@host:a.git, mail ops@example.com)"));
        assertEquals("nothing here", UrlCredentials.scrub("nothing here"));
    }
}
