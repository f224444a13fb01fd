package dev.teleform.cli.view;

import dev.teleform.engine.diag.CommandHint;
import java.nio.file.Path;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.operation.LockStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

class LockStatusViewTest {

    private static final LockStatus.Holder HOLDER = new LockStatus.Holder("0b6f1c2e-7d4a-4c1e-9a55-3f2d8e9b1a70",
            "apply", "alice", "ci-7", 4242, Instant.parse("2026-11-25T10:00:00Z"),
            Optional.of(Instant.parse("2026-11-25T10:04:30Z")));
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private static final LockStatus LIVE = new LockStatus("prod", Optional.of(HOLDER), TEN_MINUTES,
            LockStatus.State.LIVE, "its heartbeat is 4s old, within the lease (10m)");
    private static final LockStatus STALE = new LockStatus("prod", Optional.of(HOLDER), TEN_MINUTES,
            LockStatus.State.STALE, "its last heartbeat is 12m old, older than the lease (10m)");
    private static final LockStatus UNLOCKED = new LockStatus("prod", Optional.empty(), TEN_MINUTES,
            LockStatus.State.UNLOCKED, "");

    private static String print(LockStatus status, LockStatusView.Format format) {
        StringWriter out = new StringWriter();
        LockStatusView.print(status, format, CommandHint.HERE, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void aHolderIsNamedWithItsHostStartHeartbeatAndLease() {
        Approvals.verify(print(LIVE, LockStatusView.Format.TEXT) + "\n" + print(STALE, LockStatusView.Format.TEXT)
                + "\n" + print(UNLOCKED, LockStatusView.Format.TEXT), new Options().forFile().withAdditionalInformation("text"));
    }

    @Test
    void theJsonIsOneLineNamingTheHolderTheLeaseAndWhetherItIsStale() {
        Approvals.verify(print(LIVE, LockStatusView.Format.JSON) + print(STALE, LockStatusView.Format.JSON)
                + print(UNLOCKED, LockStatusView.Format.JSON), new Options().forFile().withAdditionalInformation("json"));
    }

    @Test
    void aLockWithoutAHeartbeatSaysSoAndHowToRemoveIt() {
        LockStatus.Holder old = new LockStatus.Holder("ghost", "apply", "bob", "ci-3", 17,
                Instant.parse("2026-11-25T09:00:00Z"), Optional.empty());
        LockStatus status = new LockStatus("prod", Optional.of(old), TEN_MINUTES, LockStatus.State.UNKNOWN,
                "it was taken on ci-3 and records no heartbeat (a Teleform before lock leases), so only teleform unlock "
                        + "removes it");
        assertEquals("""
                stack prod is locked by apply
                  lock id:        ghost
                  holder:         bob@ci-3 (pid 17)
                  started:        2026-11-25T09:00:00Z
                  last heartbeat: none recorded
                  lease:          10m
                  not known to be live: it was taken on ci-3 and records no heartbeat (a Teleform before lock leases), so only teleform unlock removes it.
                  If that run is gone: teleform unlock ghost
                """, print(status, LockStatusView.Format.TEXT));
        assertEquals("{\"stack\":\"prod\",\"locked\":true,\"state\":\"unknown\",\"stale\":false,\"holder\":{\"id\":\"ghost\","
                + "\"operation\":\"apply\",\"user\":\"bob\",\"host\":\"ci-3\",\"pid\":17,\"started\":\"2026-11-25T09:00:00Z\","
                + "\"last_heartbeat\":null},\"lease\":\"10m\",\"lease_ms\":600000,\"why\":\"it was taken on ci-3 and records "
                + "no heartbeat (a Teleform before lock leases), so only teleform unlock removes it\"}\n",
                print(status, LockStatusView.Format.JSON));
        StringWriter elsewhere = new StringWriter();
        LockStatusView.print(status, LockStatusView.Format.TEXT, new CommandHint(Path.of("examples/fleet")),
                new PrintWriter(elsewhere));
        assertTrue(elsewhere.toString().endsWith("\n  If that run is gone: teleform unlock ghost examples/fleet\n"),
                elsewhere.toString());
    }
}
