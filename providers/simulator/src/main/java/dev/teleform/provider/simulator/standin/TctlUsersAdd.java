package dev.teleform.provider.simulator.standin;

import dev.teleform.engine.provider.ProviderError;
import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.Operation;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tctl users add NAME --roles R1,R2 [--ttl D]}: as Teleport's enterprise tctl (tool/tctl/common/
 * user_command.go), checks that each role exists, creates the user with those roles and the traits its flags
 * give (all empty here), then makes its invite link (default 1h, at most 48h).
 */
@Command(name = "add")
final class TctlUsersAdd extends UserLinkCommand {

    /** The traits tctl sets on every user it adds, empty when their flags are not given (api/constants). */
    private static final List<String> LIST_TRAITS = List.of("logins", "windows_logins", "kubernetes_users",
            "kubernetes_groups", "db_users", "db_names", "db_roles", "aws_role_arns", "azure_identities",
            "gcp_service_accounts");

    @Parameters(paramLabel = "account")
    String user;

    @Option(names = "--roles", required = true)
    String roles;

    TctlUsersAdd() {
        super(Duration.ofHours(1));
    }

    @Override
    Made make(Tctl tctl, Caller caller, Duration validity) {
        List<String> held = Arrays.stream(roles.split(",")).map(String::strip).toList();
        SimulatedCloud cloud = tctl.console().cloud();
        held.forEach(role -> Tctl.ok(cloud.get(caller, SimulatedCloud.ROLE, role)));
        tctl.count(Operation.CREATE, SimulatedCloud.USER);
        Either<ProviderError, SimulatedCloud.NewUser> added = cloud.addUser(caller, document(held), validity);
        if (added.isLeft() && added.getLeft() instanceof ProviderError.AlreadyExists) {
            PrintWriter out = tctl.out();
            out.println("NOTE: To update an existing local user:");
            out.println("> tctl users update " + user + " --set-roles " + String.join(",", held) + " # replace roles");
            out.println();
            out.flush();
        }
        return new Made(Tctl.ok(added).link(), "User \"" + user + "\" has been created but requires a password. "
                + "Share this URL with the user to complete user setup");
    }

    private ObjectNode document(List<String> held) {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("kind", SimulatedCloud.USER).put("version", "v2");
        document.putObject("metadata").put("name", user);
        ObjectNode spec = document.putObject("spec");
        held.forEach(spec.putArray("roles")::add);
        ObjectNode traits = spec.putObject("traits");
        LIST_TRAITS.forEach(traits::putNull);
        traits.putArray("host_user_uid").add("");
        traits.putArray("host_user_gid").add("");
        return document;
    }
}
