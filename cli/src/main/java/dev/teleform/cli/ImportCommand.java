package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.operation.ImportOperation;
import dev.teleform.engine.operation.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code teleform import ADDR [DIR]}: manage a resource that already exists in Teleport, without writing it. */
@Command(name = "import", description = {"Bring a resource that exists in Teleport under management: it must be "
    + "declared in the stack.", "State records Teleport's values of the fields the stack sets; the next plan shows "
    + "only real differences.", "Takes the stack's lock; one commit in the state repository. Teleport is not changed."})
final class ImportCommand implements Callable<Integer> {

    @Mixin
    AddressOptions target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Problems problems = new Problems(err);
        Address address = target.parsed(problems);
        Workspace workspace = Workspaces.open(target.stack(), err);
        problems.valueOf(ImportOperation.run(workspace, address));
        err.println("Imported " + address + ": state holds it as Teleport has it. '" + workspace.hint().teleform("plan")
                + "' shows how it differs from the stack.");
        return TeleformCli.OK;
    }
}
