package dev.teleform.engine.state;

import dev.teleform.engine.json.CanonicalJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A lock's commit: an empty tree and a message holding its {@link LockHolder} as JSON. Each heartbeat is a new
 * commit with no parent, so the lock ref's id changes at every beat and a lease on it names one beat.
 */
final class LockCommits {

    private LockCommits() {
    }

    static ObjectId write(Repository repository, LockHolder holder) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId emptyTree = inserter.insert(new TreeFormatter());
            ObjectNode json = CanonicalJson.mapper().createObjectNode();
            json.put("id", holder.id());
            json.put("who", holder.who());
            json.put("host", holder.host());
            json.put("pid", holder.pid());
            json.put("operation", holder.operation());
            json.put("started", holder.started().toString());
            holder.heartbeat().ifPresent(beat -> json.put("heartbeat", beat.toString()));
            if (!holder.lease().isZero()) {
                json.put("lease_ms", holder.lease().toMillis());
            }
            if (!holder.processes().isEmpty()) {
                json.put("processes", holder.processes());
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(emptyTree);
            PersonIdent ident = new PersonIdent("teleform (" + holder.who() + ")", holder.who() + "@" + holder.host(),
                    holder.heartbeat().orElse(holder.started()), ZoneOffset.UTC);
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("teleform lock: " + holder.operation() + "\n\n" + CanonicalJson.write(json));
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /** The holder a lock commit records; empty when its message holds none. */
    static Optional<LockHolder> read(Repository repository, ObjectId commitId) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            String message = walk.parseCommit(commitId).getFullMessage();
            int json = message.indexOf('{');
            if (json < 0) {
                return Optional.empty();
            }
            try {
                JsonNode node = CanonicalJson.mapper().readTree(message.substring(json));
                Optional<Instant> heartbeat = node.path("heartbeat").isString()
                        ? Optional.of(Instant.parse(node.path("heartbeat").asString())) : Optional.empty();
                return Optional.of(new LockHolder(node.path("id").asString(), node.path("who").asString(),
                        node.path("host").asString(), node.path("pid").asLong(), node.path("operation").asString(),
                        Instant.parse(node.path("started").asString()), heartbeat,
                        Duration.ofMillis(node.path("lease_ms").asLong(0)), node.path("processes").asString("")));
            } catch (JacksonException | DateTimeParseException e) {
                // written by hand or by something else: say so where locks are reported, never crash on it
                throw new IOException("lock commit " + commitId.name() + " does not hold a lock Teleform can read ("
                        + e.getMessage() + ")", e);
            }
        }
    }
}
