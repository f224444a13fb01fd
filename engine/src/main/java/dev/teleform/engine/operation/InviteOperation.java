package dev.teleform.engine.operation;

import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.operation.hook.Invitation;
import dev.teleform.engine.operation.access.ClusterAccess;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.provider.PasswordState;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.LockedStateStore;
import dev.teleform.engine.state.StateLock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code teleform invite}: a new invite link for a user the stack manages, handed straight to its
 * {@link InviteDelivery}. A user who may have credentials ({@link PasswordState}) is refused unless a reset of its credentials is
 * asked for. A delivered link ends the user's pending invite in state.
 */
public final class InviteOperation {

    /**
     * @param user             the user to invite
     * @param ttl              how long the link is valid
     * @param resetCredentials whether a user who may have credentials may be sent one anyway (Teleport then
     *                         deletes the password, every MFA device and the user's earlier links)
     */
    public record Request(Address user, Duration ttl, boolean resetCredentials) {}

    private InviteOperation() {
    }

    /** How long a link made now is valid, from text such as {@code 2h}. */
    public static Outcome<Duration> ttl(String text) {
        return GoDuration.parse(text).map(Outcome::done).orElseGet(() -> Outcome.failed("--ttl takes a duration such as 2h"));
    }

    /** Issues and delivers one link. */
    public static Outcome<Address> run(Workspace workspace, Request request, InviteDelivery delivery) {
        Address user = request.user();
        if (user.kind() != ResourceKind.USER) {
            return Outcome.failed(user + " is not a user address: write user/NAME or user/NAME@CLUSTER");
        }
        boolean managed = workspace.state().read().map(snapshot -> snapshot.state().get(user).isPresent()).getOrElse(false);
        if (!managed) {
            return Outcome.failed(user + " is not managed by this stack (see " + workspace.hint().teleform("state list") + ")");
        }
        return workspace.withProvider(provider -> issue(workspace, provider, request, delivery)).flatMap(delivered -> clearPending(workspace, user));
    }

    private static Outcome<Address> issue(Workspace workspace, Provider provider, Request request, InviteDelivery delivery) {
        return workspace.withClusters(provider, access -> issue(access, provider, request, delivery));
    }

    private static Outcome<Address> issue(ClusterAccess access, Provider provider, Request request,
            InviteDelivery delivery) {
        Address user = request.user();
        Duration longest = provider.linkLimits().reset();
        if (request.ttl().compareTo(longest) > 0) {
            return Outcome.failed("--ttl " + GoDuration.format(request.ttl()) + " is longer than a link for an existing "
                    + "user may last: it is a reset link, valid at most " + GoDuration.format(longest) + "; give --ttl "
                    + GoDuration.format(longest) + " or less. No link was made.");
        }
        var target = access.target(user);
        var live = target.flatMap(t -> access.calls().call(user, () -> provider.get(t, ResourceKind.USER, user.name())));
        if (live.isLeft()) {
            return Outcome.failed("cannot read " + user + ": " + live.getLeft().message(), live.getLeft());
        }
        if (PasswordState.mayHaveCredentials(live.get().document()) && !request.resetCredentials()) {
            return Outcome.failed(user + " has set a password or registered an MFA device or passkey (or Teleport "
                    + "does not report that it has neither). A new link resets the user's credentials: Teleport "
                    + "deletes the password, every MFA device and the user's earlier links. If that is what you "
                    + "want, run again with --reset-credentials. No link was made.");
        }
        // Retried like apply's invites: a link whose answer was lost is cancelled by the next one, so the link
        // delivered is always the one that works.
        var link = target.flatMap(t -> access.calls().call(user, () -> provider.invite(t, user.name(), request.ttl())));
        if (link.isLeft()) {
            return Outcome.failed("cannot create an invite for " + user + ": " + link.getLeft().message(),
                    link.getLeft());
        }
        return delivery.deliver(Invitation.of(link.get())).fold(
                why -> Outcome.failed("the link for " + user + " was made but could not be delivered: " + why
                        + "; run again to make another"),
                where -> Outcome.done(user));
    }

    /** A delivered link ends the user's pending invite, so the next plan does not plan it again. */
    private static Outcome<Address> clearPending(Workspace workspace, Address user) {
        boolean pending = workspace.state().read().map(s -> s.state().get(user)
                .map(ResourceState::invitePending).orElse(false)).getOrElse(false);
        if (!pending) {
            return Outcome.done(user);
        }
        String stays = user + " stays marked as invite pending in state (%s); the next apply issues another link";
        return switch (workspace.lock("invite")) {
            case Outcome.Failed<StateLock> notTaken -> Outcome.done(user).warn(Diagnostic.warning(stays.formatted(
                    notTaken.diagnostics().all().stream().filter(Diagnostic::isError).map(Diagnostic::message)
                            .collect(Collectors.joining("; ")))));
            case Outcome.Done<StateLock> locked -> {
                try (StateLock lock = locked.value()) {
                    var written = workspace.state().read().flatMap(snapshot -> {
                        Map<Address, ResourceState> resources = new TreeMap<>(snapshot.state().resources());
                        resources.computeIfPresent(user, (address, entry) -> entry.withInvitePending(false));
                        return new LockedStateStore(workspace.state(), lock).write(snapshot.state().next(resources),
                                snapshot.version(),
                                "invite: the pending invite of " + user + " was delivered");
                    });
                    Outcome<Address> done = new Outcome.Done<>(user, locked.diagnostics());
                    yield written.fold(error -> done.warn(Diagnostic.warning(stays.formatted(error.message()))),
                            version -> done);
                }
            }
        };
    }
}
