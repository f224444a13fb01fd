package dev.teleform.provider.simulator.cloud;


import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.PasswordState;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.provider.simulator.SimFixture;
import dev.teleform.provider.simulator.SimulatorProviderFactory;
import dev.teleform.provider.simulator.store.SimStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.teleform.provider.simulator.SimTestSupport.ok;
import static dev.teleform.provider.simulator.SimTestSupport.role;
import static dev.teleform.provider.simulator.SimTestSupport.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import tools.jackson.databind.node.JsonNodeFactory;

/** A link for an existing user does what Teleport's CreateResetPasswordToken does (lib/auth/usertoken.go). */
class ResetTest {

    @TempDir
    Path dir;

    @Test
    void aLinkDeletesThePasswordEveryMfaDeviceAndEarlierLinks() {
        SimStore store = new SimStore(dir.resolve("sim"));
        try (Provider provider = new SimulatorProviderFactory().open(SimFixture.config(dir.resolve("sim"),
                SimFixture.clock()))) {
            ok(provider.create(ClusterTarget.parent(), role("team")));
            ok(provider.create(ClusterTarget.parent(), user("erin", "team")));
            ok(provider.invite(ClusterTarget.parent(), "erin", Duration.ofHours(1)));
            var user = store.read(SimStore.PARENT, "user", "erin").orElseThrow();
            user.putObject("status").put("password_state", "PASSWORD_STATE_SET").put("mfa_weakest_device",
                    "MFA_DEVICE_KIND_WEBAUTHN");
            store.write(SimStore.PARENT, "user", "erin", user);
            var device = JsonNodeFactory.instance.objectNode().put("user", "erin");
            device.putObject("metadata").put("name", "erin-yubikey");
            store.write(SimStore.PARENT, SimulatedCloud.MFA_DEVICE, "erin-yubikey", device);
            assertTrue(PasswordState.mayHaveCredentials(ok(provider.get(ClusterTarget.parent(), ResourceKind.USER, "erin")).document()));

            ok(provider.invite(ClusterTarget.parent(), "erin", Duration.ofHours(1)));

            assertFalse(PasswordState.mayHaveCredentials(ok(provider.get(ClusterTarget.parent(), ResourceKind.USER, "erin")).document()));
            assertEquals(0, store.list(SimStore.PARENT, SimulatedCloud.MFA_DEVICE).size(), "MFA devices are gone");
            assertEquals(1, store.list(SimStore.PARENT, "reset_token").size(), "only the new link works");
        }
    }

    @Test
    void aLinkForAUserWithNeitherPasswordNorDeviceLeavesTheUserAsItWas() throws Exception {
        try (Provider provider = new SimulatorProviderFactory().open(SimFixture.config(dir.resolve("sim"),
                SimFixture.clock()))) {
            ok(provider.create(ClusterTarget.parent(), role("team")));
            ok(provider.create(ClusterTarget.parent(), user("erin", "team")));
            Path file = dir.resolve("sim/clusters/_parent/user/erin.json");
            Object before = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            String stored = Files.readString(file);

            ok(provider.invite(ClusterTarget.parent(), "erin", Duration.ofHours(1)));

            assertEquals(stored, Files.readString(file));
            assertEquals(before, Files.readAttributes(file, BasicFileAttributes.class).fileKey(),
                    "the file was not written again: its state was already what a reset leaves");
        }
    }
}
