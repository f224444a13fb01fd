package dev.teleform.provider.teleport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.TestKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScrubberTest {

    private final Scrubber scrubber = new Scrubber(List.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    @Test
    void colourCodesAndSurroundingBlankLinesGo() {
        assertEquals("ERROR: role x is not found", scrubber.clean("\u001B[31mERROR: role x is not found\u001B[0m\n\n"));
    }

    @Test
    void knownValuesPemBlocksAndLinkTokensAreRedacted() {
        String text = "AWS secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY was refused\n"
                + TestKeys.privateKeyPem()
                + "link https://child.teleport.sh:443/web/invite/3b1f9c0d2e and https://c.teleport.sh/web/reset/abc-DEF_1";
        String clean = scrubber.clean(text);
        assertEquals("AWS secret [redacted] was refused\n[redacted]\nlink https://child.teleport.sh:443/web/invite/"
                + "[redacted] and https://c.teleport.sh/web/reset/[redacted]", clean);
    }

    @Test
    void namedValuesAndLongOpaqueStringsAreRedactedButNamesPathsAndArnsStay() {
        String clean = scrubber.clean("join failed: token=s3cr3t-value session_token: \"FwoGZXIvYXdzEBYaDH\" for "
                + "arn:aws:iam::123456789012:role/teleform-ci via /tmp/teleform-tbot-credentials-4242-17/identity "
                + "signed eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9eyJzdWIiOiIxMjM0NTY3ODkwIn0 "
                + "id 0123456789abcdef0123456789abcdef role wildcard-workload-identity-issuer");
        assertEquals("join failed: token=[redacted] session_token: \"[redacted]\" for arn:aws:iam::123456789012:role/"
                + "teleform-ci via /tmp/teleform-tbot-credentials-4242-17/identity signed [redacted] id [redacted] role "
                + "wildcard-workload-identity-issuer", clean);
    }

    /** Teleport's reset-link error names the flow "reset password" and goes on with its cause, which is no secret. */
    @Test
    void theResetFlowsNameIsNotASecretsName() {
        String text = "failed to create user token for reset password: maximum token TTL is 24h0m0s hours";
        assertEquals(text, scrubber.clean(text));
        assertEquals("password: [redacted]", scrubber.clean("password: hunter22"));
    }

    @Test
    void longTextIsCutFromItsStartWithANoteSoTheCauseAtTheEndStays() {
        String clean = scrubber.clean("word ".repeat(1000) + "the cause");
        assertTrue(clean.startsWith("(3009 characters before) ... "), clean.substring(0, 40));
        assertTrue(clean.endsWith("word the cause"), clean.substring(clean.length() - 40));
        assertFalse(clean.length() > Scrubber.CAP + 40);
    }
}
