package dev.teleform.cli.view;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.operation.hook.Invitation;
import dev.teleform.engine.resource.SensitiveFields;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Plan steps and an invite link made up for the views' tests: one step of each action kind. */
final class Steps {

    static final Address CLUSTER = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "child");
    static final Address ROLE = Address.in(ResourceKind.ROLE, "example", "child");
    static final Address USER = Address.in(ResourceKind.USER, "alice", "child");

    static final PlanStep CREATE = step(new Action.Create(ROLE, document(), SensitiveFields.NONE));
    static final PlanStep ADOPT = step(new Action.Adopt(ROLE, document(), SensitiveFields.NONE));
    static final PlanStep UPDATE = step(new Action.Update(ROLE, document(), List.of(), SensitiveFields.NONE));
    static final PlanStep REPLACE = step(new Action.Replace(ROLE, document(), List.of(), SensitiveFields.NONE));
    static final PlanStep DELETE = step(new Action.Delete(ROLE, false, List.of()));
    static final PlanStep FORGET = step(new Action.Forget(ROLE, "Teleport Cloud owns it"));
    static final PlanStep WAIT = step(new Action.Wait(CLUSTER));
    static final PlanStep BOOTSTRAP = step(new Action.Bootstrap(CLUSTER));
    static final PlanStep INVITE = step(new Action.Invite(USER, Duration.ofHours(2)));

    /** A link whose URL no view may show. */
    static final Invitation LINK = new Invitation(Address.in(ResourceKind.USER, "alice", "child"),
            URI.create("https://child.teleport.sh:443/web/invite/0123456789abcdef"), Instant.parse("2025-03-01T14:00:00Z"));

    private Steps() {
    }

    private static PlanStep step(Action action) {
        return new PlanStep(Action.verb(action) + " " + action.address(), action, List.of());
    }

    private static ObjectNode document() {
        return JsonNodeFactory.instance.objectNode().put("kind", "role").put("version", "v7");
    }
}
