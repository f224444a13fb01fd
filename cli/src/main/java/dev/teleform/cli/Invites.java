package dev.teleform.cli;

import dev.teleform.cli.view.Terminal;
import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.operation.hook.ProgramDelivery;
import dev.teleform.engine.render.JsonLine;
import dev.teleform.engine.operation.hook.Invitation;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Delivers invite links, each the moment it is issued, to one place: a links file ({@link InviteFile}), a
 * program ({@link ProgramDelivery}: {@code --invites-exec}, or the stack's {@code spec.invites.deliver}), or the
 * terminal (the console, never a redirected stream). With none there is nowhere to deliver, and invites stay
 * pending in state. Links never reach state, plans, logs or git.
 */
final class Invites implements InviteDelivery {

    private final Optional<InviteFile> file;
    private final Optional<ProgramDelivery> program;
    private final boolean terminal;
    /** How a link is written to the console: at once, or around a live view's block so that no redraw erases it. */
    private final Consumer<Runnable> showing;
    private final AtomicInteger delivered = new AtomicInteger();

    private Invites(Optional<InviteFile> file, Optional<ProgramDelivery> program, boolean terminal) {
        this(file, program, terminal, Runnable::run);
    }

    private Invites(Optional<InviteFile> file, Optional<ProgramDelivery> program, boolean terminal,
            Consumer<Runnable> showing) {
        this.file = file;
        this.program = program;
        this.terminal = terminal;
        this.showing = showing;
    }

    /** These deliveries, with links on the terminal written through {@code showing} (a live view's). */
    Invites showingAbove(Consumer<Runnable> showing) {
        return new Invites(file, program, terminal, showing);
    }

    /** Where links go: {@code out} if given (checked now, before anything is created), else the terminal. */
    static Either<String, Invites> to(Path out) {
        if (out == null) {
            return Either.right(new Invites(Optional.empty(), Optional.empty(), Terminal.interactive()));
        }
        return InviteFile.open(out).map(opened -> new Invites(Optional.of(opened), Optional.empty(), false));
    }

    /** Links go to {@code program}, even when there is a terminal: the stack or the command line said so. */
    static Invites to(ProgramDelivery program) {
        return new Invites(Optional.empty(), Optional.of(program), false);
    }

    @Override
    public boolean available() {
        return file.isPresent() || program.isPresent() || terminal;
    }

    @Override
    public Either<String, String> deliver(Invitation link) {
        String address = link.user().toString();
        if (file.isPresent()) {
            var json = JsonLine.object();
            json.put("address", address);
            json.put("url", link.url().toString());
            json.put("expires", link.expires().toString());
            try {
                file.get().append(JsonLine.of(json));
            } catch (IOException e) {
                return Either.left("cannot append to " + file.get().path() + ": " + e.getMessage());
            }
            delivered.incrementAndGet();
            return Either.right(file.get().path().toString());
        }
        if (program.isPresent()) {
            Either<String, String> handed = program.get().deliver(link);
            handed.forEach(where -> delivered.incrementAndGet());
            return handed;
        }
        if (terminal) {
            return toTerminal(address, link);
        }
        return InviteDelivery.NOWHERE.deliver(link);
    }

    /** One link at a time, so that two never mix on the screen. */
    private synchronized Either<String, String> toTerminal(String address, Invitation link) {
        // The console itself, not stdout: `apply > apply.log` must not put a link in a file.
        PrintWriter console = System.console().writer();
        showing.accept(() -> {
            console.println("Invite link for " + address + " (shown once, valid until " + link.expires() + "):\n  "
                    + link.url());
            console.flush();
        });
        if (console.checkError()) {
            return Either.left("the terminal could not be written to");
        }
        delivered.incrementAndGet();
        return Either.right("the terminal");
    }

    /** Where the links of this run went, if any went to the file or the program. */
    Optional<String> delivered() {
        int count = delivered.get();
        String links = count + " invite link" + (count == 1 ? "" : "s");
        if (count > 0 && program.isPresent()) {
            return Optional.of("handed " + links + " to " + program.get().program() + " (each on its stdin; exit 0)");
        }
        return count > 0 && file.isPresent() ? Optional.of("appended " + links
                + " to " + file.get().path() + " (mode 0600): hand each to its user, then remove them from the file")
                : Optional.empty();
    }

    /** The warning for invites left pending because there was nowhere to deliver them. */
    static Optional<String> pending(int pending) {
        return pending == 0 ? Optional.empty() : Optional.of(pending + " invite" + (pending == 1 ? " is" : "s are")
                + " pending: there is no terminal, no --invites-out FILE and no spec.invites.deliver, so no link was made. State records "
                + "them and the next plan plans them again; run apply with --invites-out FILE to issue them");
    }
}
