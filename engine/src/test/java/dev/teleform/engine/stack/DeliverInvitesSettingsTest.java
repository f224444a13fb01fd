package dev.teleform.engine.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.invites.deliver} is read as written, with its timeout's default. What a malformed one reports, with
 * its place, is in the corpus ({@code invites-deliver-*}).
 */
class DeliverInvitesSettingsTest {

    @TempDir
    Path dir;

    private StackSettings settings(String spec) {
        return new StackFixture(dir).file("stack.yaml", StackFixture.settings("simulator", spec)).valid().settings();
    }

    @Test
    void aProgramWithItsArgumentsAndTimeout() {
        StackSettings settings = settings("  invites:\n    deliver: {exec: [./deliver.sh, out dir], timeout: 90s}\n");
        assertEquals(Optional.of(new StackSettings.DeliverInvites(List.of("./deliver.sh", "out dir"),
                Duration.ofSeconds(90))), settings.deliverInvites());
    }

    @Test
    void theTimeoutDefaultsToAMinuteAndNoSettingMeansNoProgram() {
        assertEquals(Duration.ofSeconds(60), settings("  invites:\n    deliver: {exec: [deliver]}\n").deliverInvites()
                .orElseThrow().timeout());
        assertEquals(Optional.empty(), settings("").deliverInvites());
    }
}
