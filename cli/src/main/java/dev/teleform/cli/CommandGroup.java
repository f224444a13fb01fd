package dev.teleform.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code teleform}, {@code teleform state}, {@code teleform lock}): run
 * alone, it has nothing to do, so it shows what there is and fails like a usage error.
 */
abstract class CommandGroup implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return TeleformCli.ERROR;
    }
}
