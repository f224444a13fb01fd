package dev.teleform.engine.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.ProviderConfig;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code spec.parent.join} reaches the provider as written; a person's identity file and the user's own session
 * stay as they were. What a malformed join reports, with its place, is in the corpus ({@code parent-join-*}).
 */
class ParentJoinSettingsTest {

    @TempDir
    Path dir;

    private ProviderConfig config(String parent) {
        Stack stack = new StackFixture(dir).file("stack.yaml", StackFixture.settings("teleport", "  parent: " + parent
                + "\n")).valid();
        return ProviderConfigs.of(stack, InstantSource.system());
    }

    @Test
    void aJoinReachesTheProviderInsteadOfAnIdentityFile() {
        ProviderConfig config = config("{proxy: acme.teleport.sh:443, join: {method: github, token: teleform-ci}}");
        assertEquals(Optional.of(new BotJoin("github", "teleform-ci")), config.parentJoin());
        assertEquals(Optional.empty(), config.parentIdentityFile());
        assertEquals(Optional.of("acme.teleport.sh:443"), config.parentProxy(), "tbot joins at the parent's proxy");
    }

    @Test
    void anIdentityFileOrNeitherIsAsBefore() {
        ProviderConfig laptop = config("{proxy: acme.teleport.sh:443, identity_file: admin.identity}");
        assertEquals(Optional.of(dir.toAbsolutePath().normalize().resolve("admin.identity")), laptop.parentIdentityFile());
        assertEquals(Optional.empty(), laptop.parentJoin());
        ProviderConfig session = config("{proxy: acme.teleport.sh:443}");
        assertEquals(Optional.empty(), session.parentIdentityFile(), "the user's own tsh session, as before");
        assertEquals(Optional.empty(), session.parentJoin());
    }

    @Test
    void theSchemaOffersExactlyTheJoinMethodsTeleformCanGiveTbotWhatTheyRead() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/stack.schema.json")) {
            List<String> offered = new ArrayList<>();
            JsonMapper.builder().build().readTree(in).at("/properties/spec/properties/parent/properties/join/properties/"
                    + "method/enum").forEach(method -> offered.add(method.asString()));
            assertEquals(BotJoin.METHODS, offered);
        }
    }

    @Test
    void aJoinNeverShowsItsTokenWhoseNameMayBeASecret() {
        BotJoin join = new BotJoin("github", "3f1b9c0e7d2a4c6b8e5f");
        assertEquals("BotJoin[method=github]", join.toString());
        assertEquals("Machine ID bot (github join)", join.describe());
    }
}
