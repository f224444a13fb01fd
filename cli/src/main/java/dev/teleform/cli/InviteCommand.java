package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.AddressParse;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.operation.InviteOperation;
import dev.teleform.engine.operation.Workspace;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teleform invite ADDR [DIR]}: a new invite link for a user Teleform manages. */
@Command(name = "invite", description = {"Issue a new invite link for a managed user (e.g. one whose link was not "
    + "delivered or has expired).", "The link goes only to --out FILE (0600) or the terminal."})
final class InviteCommand implements Callable<Integer> {

    @Mixin
    AddressOptions target;

    @Option(names = "--ttl", defaultValue = "2h", description = "How long the link is valid (default 2h, at most 24h: the user exists, so the link is a reset link).")
    String ttl;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Append the link here (a new file is created 0600; one JSON line).")
    Path out;

    @Option(names = "--reset-credentials", description = {"Issue the link even though the user has set a password or registered an MFA device or passkey.",
        "In Teleport this deletes the user's password, every MFA device and the user's earlier links."})
    boolean resetCredentials;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Problems problems = new Problems(err);
        if (!(Address.parse(target.address) instanceof AddressParse.Parsed parsed)
                || parsed.address().kind() != ResourceKind.USER) {
            throw problems.fail(target.address + " is not a user address: write user/NAME or user/NAME@CLUSTER");
        }
        Duration validity = problems.valueOf(InviteOperation.ttl(ttl));
        Either<String, Invites> delivery = Invites.to(out);
        if (delivery.isLeft()) {
            throw problems.fail("--out: " + delivery.getLeft() + ". No link was made.");
        }
        if (!delivery.get().available()) {
            throw problems.fail("there is no terminal to show the link on; give --out FILE. No link was made.");
        }
        Workspace workspace = Workspaces.open(target.stack(), err);
        problems.valueThen(InviteOperation.run(workspace,
                new InviteOperation.Request(parsed.address(), validity, resetCredentials), delivery.get()),
                invited -> delivery.get().delivered().ifPresent(err::println));
        return TeleformCli.OK;
    }
}
