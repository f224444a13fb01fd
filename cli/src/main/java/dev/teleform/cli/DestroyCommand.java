package dev.teleform.cli;

import dev.teleform.engine.plan.PlanMode;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code teleform destroy [DIR]}: plan the deletion of everything the stack manages, and apply it. */
@Command(name = "destroy", description = {"Delete everything the stack manages (plan --destroy, then apply).",
    "Workload clusters need --allow-destroy; lifecycle.prevent_destroy refuses even then."})
final class DestroyCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Mixin
    ApplyOptions apply;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return new ApplyRun(apply.options(PlanMode.DESTROY, Optional.empty()), spec.commandLine().getOut(),
                spec.commandLine().getErr()).run(stack.rootOnly("destroy"));
    }
}
