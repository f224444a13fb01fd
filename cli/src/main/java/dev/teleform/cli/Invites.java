package dev.teleform.cli;

import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.provider.InviteLink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Delivers invite links to the person applying and nowhere else: a file created 0600 (JSON lines of
 * address, URL, expiry), or the terminal when stderr is one; otherwise only how many were not
 * delivered. Links never reach state, plans, logs or git.
 */
final class Invites {

    private Invites() {
    }

    static int deliver(List<InviteLink> links, Path file, PrintWriter err) {
        if (links.isEmpty()) {
            return TeleformCli.OK;
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
                StringBuilder lines = new StringBuilder();
                for (InviteLink link : links) {
                    var json = CanonicalJson.mapper().createObjectNode();
                    json.put("address", "user/" + link.user() + (link.cluster().isEmpty() ? "" : "@" + link.cluster()));
                    json.put("url", link.url().toString());
                    json.put("expires", link.expires().toString());
                    lines.append(CanonicalJson.mapper().writeValueAsString(json).replaceAll("\\s*\\n\\s*", " ")).append('\n');
                }
                Files.writeString(file, lines, StandardOpenOption.TRUNCATE_EXISTING);
                err.println("wrote " + links.size() + " invite link" + (links.size() == 1 ? "" : "s") + " to " + file
                        + " (mode 0600): hand each to its user, then delete the file");
                return TeleformCli.OK;
            } catch (IOException e) {
                err.println("teleform: cannot write invite links to " + file + ": " + e.getMessage());
                return TeleformCli.ERROR;
            }
        }
        if (Terminal.interactive()) {
            err.println("Invite links (shown once; valid until the time given):");
            links.forEach(link -> err.println("  user/" + link.user() + (link.cluster().isEmpty() ? "" : "@" + link.cluster())
                    + "  " + link.url() + "  until " + link.expires()));
            return TeleformCli.OK;
        }
        err.println("teleform: warning: " + links.size() + " invite link" + (links.size() == 1 ? " was" : "s were")
                + " not delivered: there is no terminal and no --invites-out FILE. Links are never logged; "
                + "issue them again with 'teleform invite ADDR [--out FILE]'");
        return TeleformCli.OK;
    }
}
