package dev.teleform.provider.simulator.cloud;

import dev.teleform.engine.provider.PrivateFiles;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.provider.simulator.store.SimStore;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Identity files of the simulated clusters, the stand-in for Teleport's identity files: a JSON file
 * holding a random token. Only the token's SHA-256 is stored in the data directory, with the user,
 * roles and expiry it stands for, so a data directory never holds a usable credential.
 */
public final class Identities {

    static final String KIND = "identity";
    private static final String FORMAT = "teleform-simulator-identity";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SimStore store;

    Identities(SimStore store) {
        this.store = store;
    }

    /** A fresh random secret, hex-encoded. */
    static String newSecret(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** Issues an identity and writes its file (mode 0600 where the file system allows). */
    public void issue(Caller who, Duration ttl, Instant now, Path file) throws IOException {
        String token = newSecret(32);
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("user", who.user());
        record.put("bot", who.bot());
        record.set("roles", ServerDefaults.strings(who.roles().toArray(String[]::new)));
        record.put("expires", now.plus(ttl).toString());
        store.write(who.cluster(), KIND, hash(token), record);
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("format", FORMAT);
        content.put("data_dir", store.dir().toString());
        content.put("cluster", who.cluster());
        content.put("user", who.user());
        content.put("token", token);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        PrivateFiles.createFile(file);
        Files.write(file, store.json().writeValueAsBytes(content));
    }

    /** The caller an identity file stands for, if it is valid for {@code cluster} at {@code now}. */
    public Either<ProviderError, Caller> authenticate(Path file, String cluster, Instant now) {
        JsonNode content;
        try {
            content = store.json().readTree(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            return Either.left(new ProviderError.AccessDenied("cannot read identity file " + file.getFileName()
                    + ": " + e.getClass().getSimpleName()));
        }
        if (!FORMAT.equals(content.path("format").asString(""))) {
            return Either.left(new ProviderError.AccessDenied("identity file " + file.getFileName()
                    + " is not a simulator identity (make one with: teleform sim identity)"));
        }
        String identityCluster = content.path("cluster").asString("");
        if (!identityCluster.equals(cluster)) {
            return Either.left(new ProviderError.AccessDenied("identity file " + file.getFileName() + " is for cluster "
                    + display(identityCluster) + ", not " + display(cluster)));
        }
        JsonNode record = store.read(cluster, KIND, hash(content.path("token").asString(""))).orElse(null);
        if (record == null) {
            return Either.left(new ProviderError.AccessDenied("access denied: identity is not recognised by "
                    + display(cluster)));
        }
        if (!now.isBefore(Instant.parse(record.path("expires").asString()))) {
            return Either.left(new ProviderError.AccessDenied("access denied: certificate for "
                    + record.path("user").asString() + " expired at " + record.path("expires").asString()));
        }
        List<String> roles = new ArrayList<>();
        record.path("roles").forEach(role -> roles.add(role.asString()));
        return Either.right(new Caller(cluster, record.path("user").asString(), roles, record.path("bot").asBoolean()));
    }

    static String display(String cluster) {
        return SimStore.PARENT.equals(cluster) ? "the parent cluster" : "\"" + cluster + "\"";
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
