package dev.teleform.cli.view;

import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.operation.LockStatus;
import dev.teleform.engine.render.Durations;
import dev.teleform.engine.render.JsonLine;
import java.io.PrintWriter;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** {@code teleform lock status}: who holds a stack's lock and whether the next run may take it over. */
public final class LockStatusView {

    /** How the status is printed. */
    public enum Format { TEXT, JSON }

    private LockStatusView() {
    }

    /** @param hint how the commands it suggests name the stack */
    public static void print(LockStatus status, Format format, CommandHint hint, PrintWriter out) {
        switch (format) {
            case TEXT -> out.print(text(status, hint));
            case JSON -> out.println(JsonLine.of(json(status)));
        }
        out.flush();
    }

    static String text(LockStatus status, CommandHint hint) {
        if (status.holder().isEmpty()) {
            return "stack " + status.stack() + " is not locked\n";
        }
        LockStatus.Holder holder = status.holder().get();
        return "stack " + status.stack() + " is locked by " + holder.operation() + "\n"
                + "  lock id:        " + holder.id() + "\n"
                + "  holder:         " + holder.user() + "@" + holder.host() + " (pid " + holder.pid() + ")\n"
                + "  started:        " + holder.started() + "\n"
                + "  last heartbeat: " + holder.lastHeartbeat().map(Object::toString).orElse("none recorded") + "\n"
                + "  lease:          " + Durations.format(status.lease()) + "\n"
                + "  " + switch (status.state()) {
                    case LIVE -> "live: " + status.why() + "; it is never taken over.\n"
                            + "  Wait for it to finish; " + hint.teleform("unlock " + holder.id(), "--force")
                            + " removes it anyway,"
                            + " and the run then stops at its next state write.";
                    case STALE -> "stale: " + status.why() + "; the next run takes it over.";
                    case UNKNOWN -> "not known to be live: " + status.why() + ".\n"
                            + "  If that run is gone: " + hint.teleform("unlock " + holder.id());
                    case UNLOCKED -> throw new IllegalStateException("a held lock judged unlocked");
                } + "\n";
    }

    /** One line: the stack, whether it is locked, its holder, the lease, and whether the lock is stale. */
    static ObjectNode json(LockStatus status) {
        ObjectNode json = JsonLine.object();
        json.put("stack", status.stack());
        json.put("locked", status.holder().isPresent());
        json.put("state", status.state().name().toLowerCase(Locale.ROOT));
        json.put("stale", status.state() == LockStatus.State.STALE);
        status.holder().ifPresent(holder -> {
            ObjectNode held = json.putObject("holder");
            held.put("id", holder.id());
            held.put("operation", holder.operation());
            held.put("user", holder.user());
            held.put("host", holder.host());
            held.put("pid", holder.pid());
            held.put("started", holder.started().toString());
            if (holder.lastHeartbeat().isPresent()) {
                held.put("last_heartbeat", holder.lastHeartbeat().get().toString());
            } else {
                held.putNull("last_heartbeat");
            }
        });
        json.put("lease", Durations.format(status.lease()));
        json.put("lease_ms", status.lease().toMillis());
        if (!status.why().isEmpty()) {
            json.put("why", status.why());
        }
        return json;
    }
}
