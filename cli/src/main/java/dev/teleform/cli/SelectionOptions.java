package dev.teleform.cli;

import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --target}, {@code --exclude} and {@code --replace}: what a plan made now covers, the same for plan, apply and
 * destroy. The addresses are checked against the stack and state when the plan is made.
 */
final class SelectionOptions {

    @Option(names = "--target", paramLabel = "ADDR",
            description = "Only this resource and what it needs; repeatable (not with --exclude).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "ADDR",
            description = "Leave this resource out, and everything that depends on it; repeatable (not with --target).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--replace", paramLabel = "ADDR", description = "Delete and re-create this role or user; repeatable.")
    List<String> replaces = new ArrayList<>();

    /** Whether any of the three was given. */
    boolean any() {
        return !targets.isEmpty() || !excludes.isEmpty() || !replaces.isEmpty();
    }

    /** How to plan in {@code mode} with what was chosen; combinations that mean nothing stop the command. */
    PlanOptions plan(PlanMode mode, Problems problems) {
        if (mode == PlanMode.REFRESH_ONLY && !excludes.isEmpty()) {
            throw problems.fail("--exclude leaves changes out of a plan, and --refresh-only makes none: it accepts all "
                    + "drift into state; they cannot be combined");
        }
        if (mode != PlanMode.NORMAL && !replaces.isEmpty()) {
            throw problems.fail("--replace re-creates what it names, and " + (mode == PlanMode.DESTROY
                    ? "a destroy deletes everything" : "--refresh-only changes nothing in Teleport")
                    + "; they cannot be combined");
        }
        if (!targets.isEmpty() && !excludes.isEmpty()) {
            throw problems.fail("--target and --exclude cannot be combined: --target keeps only what it names, --exclude "
                    + "leaves out what it names");
        }
        return new PlanOptions(mode, AddressOptions.all(targets, problems), AddressOptions.all(replaces, problems),
                AddressOptions.all(excludes, problems));
    }
}
