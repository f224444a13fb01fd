package dev.teleform.provider.simulator.cloud;

import static dev.teleform.provider.simulator.SimTestSupport.ok;
import static dev.teleform.provider.simulator.SimTestSupport.role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.TestClock;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.provider.simulator.SimFixture;
import dev.teleform.provider.simulator.SimulatorProviderFactory;
import dev.teleform.provider.simulator.store.SimStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MFA for admin actions in the parent (TELEPORT.md §6): with it on, a person's identity reads but cannot write,
 * since no Teleform run can pass an MFA check, and gets Teleport's words; a Machine ID bot is exempt.
 */
class AdminMfaTest {

    @TempDir
    Path dir;

    private final TestClock clock = SimFixture.clock();

    private SimConsole console() {
        return new SimConsole(SimFixture.config(dir.resolve("sim"), clock));
    }

    @Test
    void aPersonCannotWriteToTheParentButABotCan() {
        console().adminMfa(true);
        assertTrue(console().adminMfa());
        try (Provider provider = new SimulatorProviderFactory().open(SimFixture.config(dir.resolve("sim"), clock))) {
            ProviderError refused = provider.create(ClusterTarget.parent(), role("team")).getLeft();
            assertEquals(new ProviderError.AccessDenied("admin-level API request requires MFA verification"), refused);
            assertTrue(provider.delete(ClusterTarget.parent(), ResourceKind.ROLE, "access").isLeft());
            ok(provider.list(ClusterTarget.parent(), ResourceKind.ROLE)); // reading is no admin action

            ClusterTarget.Parent bot = ClusterTarget.parent(ok(provider.joinParent(new BotJoin("github", "ci"))));
            ok(provider.create(bot, role("team")));
            ok(provider.delete(bot, ResourceKind.ROLE, "team"));
        }
    }

    @Test
    void anIdentityFileOfAPersonIsRefusedAndTheConsoleAsAPersonAtATerminalIsNot() {
        Path identity = dir.resolve("parent.identity");
        ok(console().issueIdentity(SimStore.PARENT, "alice", List.of("editor"), Duration.ofHours(1), identity)
                .mapLeft(ProviderError.BadParameter::new));
        console().adminMfa(true);
        ProviderConfig plain = SimFixture.config(dir.resolve("sim"), clock);
        ProviderConfig withIdentity = new ProviderConfig(plain.stackDir(), "test", plain.parentProxy(),
                Optional.of(identity), Optional.empty(), Map.of(), plain.tools(), plain.simulator(), clock);
        try (Provider provider = new SimulatorProviderFactory().open(withIdentity)) {
            assertEquals("admin-level API request requires MFA verification",
                    provider.create(ClusterTarget.parent(), role("team")).getLeft().message());
        }
        assertTrue(console().delete(new SimAddress("role", "auditor", SimStore.PARENT)).isRight(),
                "teleform sim acts as a person who passed MFA");
        console().adminMfa(false);
        assertEquals(false, console().adminMfa());
    }
}
