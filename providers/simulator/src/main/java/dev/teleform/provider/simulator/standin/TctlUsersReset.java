package dev.teleform.provider.simulator.standin;

import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.Operation;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tctl users reset NAME [--ttl D]}: a password-reset link (default 8h, at most 24h). */
@Command(name = "reset")
final class TctlUsersReset extends UserLinkCommand {

    @Parameters(paramLabel = "username")
    String user;

    TctlUsersReset() {
        super(Duration.ofHours(8));
    }

    @Override
    Made make(Tctl tctl, Caller caller, Duration validity) {
        tctl.count(Operation.INVITE, SimulatedCloud.USER);
        return new Made(Tctl.ok(tctl.console().cloud().resetLink(caller, user, validity)), "User \"" + user
                + "\" has been reset. Share this URL with the user to complete password reset");
    }
}
