package dev.teleform.engine.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void parsesGoDurations() {
        assertEquals(Optional.of(Duration.ofMinutes(90)), GoDuration.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), GoDuration.parse("1.5s"));
        assertEquals(Optional.of(Duration.ofHours(30)), GoDuration.parse("30h"));
        assertEquals(Optional.of(Duration.ZERO), GoDuration.parse("0"));
    }

    @Test
    void rejectsAnythingElse() {
        for (String text : new String[] {"", "5", "1d", "8 hours", "h", "1h 30m", "-1s"}) {
            assertEquals(Optional.empty(), GoDuration.parse(text), text);
        }
    }

    /** The quick reading of whole units answers as the general one does, whatever the text. */
    @Test
    void readsEveryTextAsTheGeneralReadingDoes() {
        String alphabet = "0123456789.hmsnuµ d-";
        Random random = new Random(15);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(9); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(i % 2 == 0 ? 13 : alphabet.length())));
            }
            assertEquals(text.toString().equals("0") ? Optional.of(Duration.ZERO) : GoDuration.parseExactly(text.toString()),
                    GoDuration.parse(text.toString()), text.toString());
        }
        for (String big : new String[] {"2562047h47m16s854775807ns", "9223372036854775807ns", "99999999999999999999h"}) {
            assertEquals(GoDuration.parseExactly(big), GoDuration.parse(big), big);
        }
    }

    @Test
    void formatsLikeGo() {
        assertEquals("2h", GoDuration.format(Duration.ofHours(2)));
        assertEquals("1m30s", GoDuration.format(Duration.ofSeconds(90)));
        assertEquals("0s", GoDuration.format(Duration.ZERO));
    }

    @Test
    void formatsLikeTeleportReturnsThem() {
        assertEquals("30h0m0s", GoDuration.goString(Duration.ofHours(30)));
        assertEquals("1m30s", GoDuration.goString(Duration.ofSeconds(90)));
        assertEquals("1.5s", GoDuration.goString(Duration.ofMillis(1500)));
        assertEquals("250ms", GoDuration.goString(Duration.ofMillis(250)));
        assertEquals("0s", GoDuration.goString(Duration.ZERO));
    }
}
