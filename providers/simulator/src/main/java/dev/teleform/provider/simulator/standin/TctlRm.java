package dev.teleform.provider.simulator.standin;

import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tctl rm KIND/NAME} (or {@code del}): deletes one resource. */
@Command(name = "rm", aliases = "del")
final class TctlRm implements StandInCommand {

    @ParentCommand
    Tctl tctl;

    @Parameters(paramLabel = "resource", arity = "0..1")
    String resource;

    @Override
    public int run() {
        Caller caller = tctl.caller();
        if (resource == null || !resource.contains("/")) {
            throw new StandInFailure("expected resource type/name, e.g. role/admin");
        }
        String[] parts = resource.split("/", 2);
        String kind = Tctl.kind(parts[0]);
        tctl.count(Operation.DELETE, kind);
        Tctl.wrapped(tctl.console().cloud().delete(caller, kind, parts[1]),
                "error deleting resource \"" + parts[1] + "\" of type \"" + kind + "\"");
        tctl.out().println(Tctl.displayed(kind) + " \"" + parts[1] + "\" has been deleted");
        tctl.out().flush();
        return 0;
    }
}
