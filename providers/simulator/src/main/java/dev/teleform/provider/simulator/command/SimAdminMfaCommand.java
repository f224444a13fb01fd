package dev.teleform.provider.simulator.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code teleform sim admin-mfa on|off}: whether the simulated parent requires MFA for admin actions, as a Teleport
 * cluster does when its second factor is webauthn. With it on, a person's identity (a {@code parent.identity_file},
 * or no identity at all) can read the parent but not write to it, since no Teleform run can pass an MFA check; a
 * Machine ID bot ({@code parent.join}) can.
 */
@Command(name = "admin-mfa", description = {"Require MFA for admin actions in the simulated parent, or stop: a "
    + "person's identity can then no longer write there from Teleform; a Machine ID bot (parent.join) still can.",
    "Example: teleform sim admin-mfa on"})
final class SimAdminMfaCommand implements Callable<Integer> {

    @ParentCommand
    SimCommand root;

    @Parameters(paramLabel = "on|off", description = "on: require MFA for admin actions; off: do not (the default).")
    String setting;

    @Override
    public Integer call() {
        if (!setting.equals("on") && !setting.equals("off")) {
            root.context().err().println("teleform sim admin-mfa takes on or off, not \"" + setting + "\"");
            return 1;
        }
        return root.withConsole(console -> {
            console.adminMfa(setting.equals("on"));
            root.context().err().println("MFA for admin actions in the parent: " + (console.adminMfa()
                    ? "required (a person's identity cannot write; a bot can)" : "not required"));
            return 0;
        });
    }
}
