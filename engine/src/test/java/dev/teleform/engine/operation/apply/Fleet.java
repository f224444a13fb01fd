package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.resource.SensitiveFields;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small plan for the scheduling tests, in plan order: a new workload cluster "w" with a role its user names, an
 * unnamed role and the user's invite, and a role in the parent that nothing depends on.
 */
final class Fleet {

    static final String CREATE_CLUSTER = "create workload_cluster/w";
    static final String WAIT = "wait workload_cluster/w";
    static final String BOOTSTRAP = "bootstrap workload_cluster/w";
    static final String CREATE_ROLE = "create role/r@w";
    static final String CREATE_OTHER_ROLE = "create role/other@w";
    static final String CREATE_USER = "create user/u@w";
    static final String INVITE = "invite user/u@w";
    static final String CREATE_PARENT_ROLE = "create role/p";

    private Fleet() {
    }

    static List<PlanStep> steps() {
        Address cluster = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "w");
        Address user = Address.in(ResourceKind.USER, "u", "w");
        return List.of(
                new PlanStep(CREATE_PARENT_ROLE, create(Address.inParent(ResourceKind.ROLE, "p")), List.of()),
                new PlanStep(CREATE_CLUSTER, create(cluster), List.of()),
                new PlanStep(WAIT, new Action.Wait(cluster), List.of(CREATE_CLUSTER)),
                new PlanStep(BOOTSTRAP, new Action.Bootstrap(cluster), List.of(WAIT)),
                new PlanStep(CREATE_OTHER_ROLE, create(Address.in(ResourceKind.ROLE, "other", "w")), List.of(BOOTSTRAP)),
                new PlanStep(CREATE_ROLE, create(Address.in(ResourceKind.ROLE, "r", "w")), List.of(BOOTSTRAP)),
                new PlanStep(CREATE_USER, create(user), List.of(BOOTSTRAP, CREATE_ROLE)),
                new PlanStep(INVITE, new Action.Invite(user, Duration.ofHours(1)), List.of(CREATE_USER)));
    }

    private static Action.Create create(Address address) {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("kind", address.kind().kind());
        document.putObject("metadata").put("name", address.name());
        return new Action.Create(address, document, SensitiveFields.NONE);
    }
}
