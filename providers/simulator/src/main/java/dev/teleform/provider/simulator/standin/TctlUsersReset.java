package dev.teleform.provider.simulator.standin;

import dev.teleform.engine.provider.GoDuration;
import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.Operation;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tctl users reset NAME [--ttl D]}: a password-reset link (default 8h, at most 24h). */
@Command(name = "reset")
final class TctlUsersReset implements StandInCommand {

    private static final Duration DEFAULT_TTL = Duration.ofHours(8);

    @ParentCommand
    TctlUsers users;

    @Parameters(paramLabel = "username")
    String user;

    @Option(names = "--ttl")
    String ttl;

    @Override
    public int run() {
        Tctl tctl = users.tctl;
        Caller caller = tctl.caller();
        Duration validity = ttl == null ? DEFAULT_TTL : GoDuration.parse(ttl)
                .orElseThrow(() -> new StandInFailure("time: invalid duration \"" + ttl + "\""));
        tctl.count(Operation.INVITE, SimulatedCloud.USER);
        SimulatedCloud.InviteGrant grant = Tctl.ok(tctl.console().cloud().resetLink(caller, user, validity));
        String proxy = grant.url().getHost() + ":" + grant.url().getPort();
        PrintWriter out = tctl.out();
        out.println("User \"" + user + "\" has been reset. Share this URL with the user to complete password reset, "
                + "link is valid for " + GoDuration.format(validity) + ":");
        out.println(grant.url());
        out.println();
        out.println("NOTE: Make sure " + proxy + " points at a Teleport proxy which users can access.");
        out.flush();
        return 0;
    }
}
