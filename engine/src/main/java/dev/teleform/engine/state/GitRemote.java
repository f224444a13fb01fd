package dev.teleform.engine.state;

import dev.teleform.engine.diag.UrlCredentials;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * The remote a stack's state is shared through ({@code spec.state.remote}, any URL JGit speaks). The
 * local repository is a cache of it: refs are fetched before they are read, and a ref moves on the
 * remote only by a push with a lease, the id the writer last saw, so that of two runners that read the
 * same state only one can write on top of it.
 */
final class GitRemote {

    /** How a push with a lease ended. */
    enum Pushed { DONE, REJECTED }

    /**
     * Seconds a fetch or push may wait on a silent remote before it fails: a heartbeat or a checkpoint stuck on a
     * stalled network would otherwise hold up the whole apply, which then could neither finish nor release its lock.
     */
    static final int TIMEOUT_SECONDS = 60;

    private final URIish url;
    /** The URL as written in the stack, to find it in messages. */
    private final String written;
    /** The URL as it may be printed: without its credentials. */
    private final String display;
    /** The key and known hosts for an SSH URL. */
    private final SshAccess ssh;

    GitRemote(String url, SshAccess ssh) throws URISyntaxException {
        this.url = new URIish(url);
        this.written = url;
        this.display = UrlCredentials.mask(url);
        this.ssh = ssh;
    }

    private Transport open(Repository local) throws IOException {
        Transport transport = Transport.open(local, url);
        transport.setTimeout(TIMEOUT_SECONDS);
        ssh.prepare(transport);
        return transport;
    }

    @Override
    public String toString() {
        return display;
    }

    /** Makes the local refs matching {@code pattern} (e.g. {@code refs/teleform/locks/*}) those of the remote. */
    void fetch(Repository local, String pattern) throws IOException {
        try (Transport transport = open(local)) {
            transport.setRemoveDeletedRefs(true);
            transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + pattern + ":" + pattern)));
        } catch (NotSupportedException e) {
            throw failure("cannot reach state remote ", e);
        } catch (TransportException e) {
            if (e.getMessage() != null && e.getMessage().contains("Remote does not have")) {
                return; // nothing there yet
            }
            throw failure("cannot fetch from state remote ", e);
        }
    }

    /**
     * Moves {@code ref} on the remote from {@code expected} (zero: it must not exist) to {@code next}
     * (zero: delete it), or not at all. The remote checks the expected id under its own lock.
     */
    Pushed push(Repository local, String ref, ObjectId expected, Optional<ObjectId> next) throws IOException {
        RemoteRefUpdate update = new RemoteRefUpdate(local, next.map(ObjectId::name).orElse(null), ref, true, null,
                expected);
        try (Transport transport = open(local)) {
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate done = result.getRemoteUpdate(ref);
            return switch (done.getStatus()) {
                case OK, UP_TO_DATE -> Pushed.DONE;
                case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED, REJECTED_NODELETE, NON_EXISTING -> Pushed.REJECTED;
                // git's receive-pack checks the old id under its ref lock; losing that race reads like this
                case REJECTED_OTHER_REASON -> lostRace(done.getMessage()) ? Pushed.REJECTED : failed(ref, done);
                case NOT_ATTEMPTED, AWAITING_REPORT -> failed(ref, done);
            };
        } catch (NotSupportedException e) {
            throw failure("cannot reach state remote ", e);
        } catch (TransportException e) {
            throw failure("cannot push to state remote ", e);
        }
    }

    /**
     * JGit names the URL in its messages, without the password but with the user, which may be a token
     * ({@code https://TOKEN@host/...}); so its message is scrubbed before it goes anywhere. The URL as
     * written is replaced first, since a malformed one may not look like a URL to the scrubber. Over SSH, what
     * JGit says (a host key that did not validate, the keys it tried) gives way to what it means and how to fix it.
     */
    private IOException failure(String what, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String said = ssh.explain(message).orElse(message);
        return new IOException(what + display + ": " + UrlCredentials.scrub(said.replace(written, display)), e);
    }

    private static boolean lostRace(String message) {
        return message != null && (message.contains("failed to update ref") || message.contains("cannot lock ref")
                || message.contains("failed to lock") || message.contains("but expected"));
    }

    private Pushed failed(String ref, RemoteRefUpdate done) throws IOException {
        throw new IOException(
                "state remote " + display + " refused " + ref + ": " + done.getStatus()
                        + (done.getMessage() == null ? "" : " (" + UrlCredentials.scrub(done.getMessage()) + ")"));
    }
}
