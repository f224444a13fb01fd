package dev.teleform.provider.simulator.standin;

import dev.teleform.engine.provider.GoDuration;
import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A {@code tctl users} command that ends by printing a user's link ({@code add}, {@code reset}): its
 * {@code --ttl}, and the link as tctl prints it (tool/tctl/common/user_command.go printTokenAsText).
 */
abstract class UserLinkCommand implements StandInCommand {

    @ParentCommand
    TctlUsers users;

    @Option(names = "--ttl")
    String ttl;

    /** How long the link lasts when {@code --ttl} is not given. */
    private final Duration defaultTtl;

    UserLinkCommand(Duration defaultTtl) {
        this.defaultTtl = defaultTtl;
    }

    /** Makes the link, printing what tctl prints before it; the headline printed with it. */
    abstract Made make(Tctl tctl, Caller caller, Duration validity);

    record Made(SimulatedCloud.InviteGrant grant, String headline) {}

    @Override
    public final int run() {
        Tctl tctl = users.tctl;
        Caller caller = tctl.caller();
        Duration validity = ttl == null ? defaultTtl : GoDuration.parse(ttl)
                .orElseThrow(() -> new StandInFailure("time: invalid duration \"" + ttl + "\""));
        Made made = make(tctl, caller, validity);
        PrintWriter out = tctl.out();
        out.println(made.headline() + ", link is valid for " + GoDuration.format(validity) + ":");
        out.println(made.grant().url());
        out.println();
        out.println("NOTE: Make sure " + made.grant().url().getHost() + ":" + made.grant().url().getPort()
                + " points at a Teleport proxy which users can access.");
        out.flush();
        return 0;
    }
}
