package dev.teleform.provider.simulator.standin;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code tctl users ...}: of tctl's user commands, the simulator knows {@code add} and {@code reset}. */
@Command(name = "users", subcommands = {TctlUsersAdd.class, TctlUsersReset.class})
final class TctlUsers implements StandInCommand {

    @ParentCommand
    Tctl tctl;

    /** {@code tctl users} without a subcommand. */
    @Override
    public int run() {
        throw new StandInFailure("the simulator's tctl knows only 'users add NAME --roles R1,R2 [--ttl D]' and 'users reset NAME [--ttl D]'");
    }

}
