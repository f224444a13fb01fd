package dev.teleform.provider.simulator.cloud;


import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.provider.simulator.SimFixture;
import dev.teleform.provider.simulator.SimulatorProviderFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.teleform.provider.simulator.SimTestSupport.ok;
import static dev.teleform.provider.simulator.SimTestSupport.role;
import static dev.teleform.provider.simulator.SimTestSupport.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Teleport's refusals, with its wording (../shared/TELEPORT.md). */
class ServerChecksTest {

    @TempDir
    Path dir;

    private String refusal(java.util.function.Function<Provider, io.vavr.control.Either<?, ?>> call) {
        try (Provider provider = new SimulatorProviderFactory().open(SimFixture.config(dir.resolve("sim"),
                SimFixture.clock()))) {
            var result = call.apply(provider);
            return ((dev.teleform.engine.provider.ProviderError) result.getLeft()).message();
        }
    }

    @Test
    void systemRoleNamesAreReserved() {
        assertEquals("reserved role: Admin", refusal(p -> p.create(ClusterTarget.parent(), role("Admin"))));
    }

    @Test
    void wildcardLoginsAreRefused() {
        var role = role("x");
        role.withObjectProperty("spec").withObjectProperty("allow").putArray("logins").add("*");
        assertEquals("wildcard matcher is not allowed in logins", refusal(p -> p.create(ClusterTarget.parent(), role)));
    }

    @Test
    void rulesNeedVerbs() {
        var role = role("x");
        role.withObjectProperty("spec").withObjectProperty("allow").putArray("rules").addObject()
                .putArray("resources").add("node");
        assertEquals("failed to process 'allow' rule 0: missing verbs",
                refusal(p -> p.create(ClusterTarget.parent(), role)));
    }

    @Test
    void aRoleInUseCannotBeDeleted() {
        assertEquals("failed to delete role that still in use by a user. Check system server logs for more details.",
                refusal(p -> {
                    ok(p.create(ClusterTarget.parent(), role("team")));
                    ok(p.create(ClusterTarget.parent(), user("erin", "team")));
                    return p.delete(ClusterTarget.parent(), ResourceKind.ROLE, "team");
                }));
    }

    @Test
    void notFoundWordingDiffersBetweenGetAndDelete() {
        assertEquals("role ghost is not found", refusal(p -> p.get(ClusterTarget.parent(), ResourceKind.ROLE, "ghost")));
        assertEquals("role \"ghost\" is not found",
                refusal(p -> p.delete(ClusterTarget.parent(), ResourceKind.ROLE, "ghost")));
        assertEquals("user \"ghost\" not found", refusal(p -> p.get(ClusterTarget.parent(), ResourceKind.USER, "ghost")));
    }
}
