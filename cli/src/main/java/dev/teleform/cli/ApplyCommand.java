package dev.teleform.cli;

import dev.teleform.engine.plan.PlanMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teleform apply [DIR|PLANFILE]}: carry out the stack's plan, or exactly a saved one. */
@Command(name = "apply", description = {"Plan, confirm and carry out the plan; or carry out exactly a saved plan",
    "(teleform plan --out FILE), refused when state or the stack moved since. Holds the stack's lock;",
    "exit 3 when someone else holds it. The plan, progress and summary go to stdout; errors and warnings to stderr."})
final class ApplyCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Mixin
    ApplyOptions apply;

    @Option(names = "--refresh-only", description = {"Accept the changes made outside Teleform: state takes the live "
        + "values;", "Teleport is not changed."})
    boolean refreshOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Path> planFile = Files.isRegularFile(stack.dir) ? Optional.of(stack.dir) : Optional.empty();
        return new ApplyRun(apply.options(refreshOnly ? PlanMode.REFRESH_ONLY : PlanMode.NORMAL, planFile),
                spec.commandLine().getOut(), spec.commandLine().getErr()).run(stack);
    }
}
