package dev.teleform.provider.simulator;

import static org.junit.jupiter.api.Assertions.fail;

import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Documents and assertions the simulator's own tests share. */
public final class SimTestSupport {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SimTestSupport() {
    }

    public static ObjectNode cluster(String name) {
        ObjectNode cluster = NODES.objectNode().put("kind", "workload_cluster").put("version", "v1");
        cluster.putObject("metadata").put("name", name);
        ObjectNode spec = cluster.putObject("spec");
        spec.putArray("regions").addObject().put("name", "us-west-2");
        spec.putObject("bot").put("name", "example-iam");
        ObjectNode token = spec.putObject("token").put("join_method", "iam");
        token.putArray("allow").addObject().put("aws_account", SimFixture.ACCOUNT).put("aws_arn", SimFixture.ARN);
        return cluster;
    }

    public static ObjectNode role(String name) {
        ObjectNode role = NODES.objectNode().put("kind", "role").put("version", "v7");
        role.putObject("metadata").put("name", name);
        role.putObject("spec").putObject("allow").putArray("logins").add("ubuntu");
        return role;
    }

    public static ObjectNode user(String name, String role) {
        ObjectNode user = NODES.objectNode().put("kind", "user").put("version", "v2");
        user.putObject("metadata").put("name", name);
        user.putObject("spec").putArray("roles").add(role);
        return user;
    }

    public static <T> T ok(Either<ProviderError, T> result) {
        return result.getOrElseGet(error -> fail("expected success, got " + error));
    }
}
