package dev.teleform.provider.simulator.standin;

import dev.teleform.engine.provider.ProviderError;
import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.Operation;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code tctl create [-f] [FILE]}: writes the documents of FILE (or stdin) in order, one line each, and
 * stops at the first that fails. {@code -f} is {@code --force} (upsert), not a file flag.
 */
@Command(name = "create")
final class TctlCreate implements StandInCommand {

    /** The fields of Teleport's resource header metadata. */
    private static final Set<String> HEADER_METADATA = Set.of("name", "namespace", "description", "labels",
            "expires", "id", "revision");

    @ParentCommand
    Tctl tctl;

    @Option(names = {"-f", "--force"})
    boolean force;

    @Parameters(paramLabel = "filename", arity = "0..1")
    String file;

    @Override
    public int run() {
        Caller caller = tctl.caller();
        PrintWriter out = tctl.out();
        List<ObjectNode> documents = documents(read());
        if (documents.isEmpty()) {
            throw new StandInFailure("no resources found, empty input?");
        }
        for (ObjectNode document : documents) {
            String kind = document.path("kind").asString("");
            if (!Tctl.creatable(kind)) {
                throw new StandInFailure("creating resources of type \"" + kind + "\" is not supported");
            }
            if (kind.equals(SimulatedCloud.WORKLOAD_CLUSTER)) {
                refuseUnknownMetadata(document);
            }
            String name = SimulatedCloud.name(document);
            boolean existed = tctl.console().store().exists(caller.cluster(), kind, name);
            tctl.count(force ? Operation.UPSERT : Operation.CREATE, kind);
            Either<ProviderError, ObjectNode> written = tctl.console().cloud().write(caller,
                    force ? SimulatedCloud.WriteMode.UPSERT : SimulatedCloud.WriteMode.CREATE, document);
            if (written.isLeft() && written.getLeft() instanceof ProviderError.AlreadyExists exists) {
                throw new StandInFailure("use -f or --force flag to overwrite\n\t" + exists.message());
            }
            Tctl.ok(written);
            out.println(Tctl.displayed(kind) + " \"" + name + "\" has been "
                    + (existed && kind.equals(SimulatedCloud.USER) ? "updated" : "created"));
        }
        out.flush();
        return 0;
    }

    /**
     * tctl decodes a workload cluster with unknown fields disallowed: its metadata may hold only the
     * fields of Teleport's resource header (api/proto/teleport/header/v1/metadata.proto). The real
     * message also gives a line and column of the JSON it decoded; the stand-in leaves them out.
     */
    private static void refuseUnknownMetadata(ObjectNode document) {
        for (String field : document.path("metadata").propertyNames()) {
            if (!HEADER_METADATA.contains(field)) {
                throw new StandInFailure("proto: unknown field \"" + field + "\"");
            }
        }
    }

    private byte[] read() {
        try {
            return file != null ? Files.readAllBytes(Path.of(file)) : tctl.stdin().readAllBytes();
        } catch (IOException e) {
            throw new StandInFailure("open " + (file != null ? file : "stdin") + ": " + e.getMessage());
        }
    }

    /** A JSON stream (what Teleform sends) or YAML documents separated by {@code ---}. */
    private static List<ObjectNode> documents(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        try (MappingIterator<JsonNode> values = text.startsWith("{")
                ? JsonMapper.builder().build().readerFor(JsonNode.class).readValues(text)
                : YAMLMapper.builder().build().readerFor(JsonNode.class).readValues(text)) {
            List<ObjectNode> documents = new ArrayList<>();
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                if (value instanceof ObjectNode object) {
                    documents.add(object);
                } else if (value != null && !value.isNull() && !value.isMissingNode()) {
                    throw new StandInFailure("error converting YAML to JSON: expected a resource, got "
                            + value.getNodeType());
                }
            }
            return documents;
        } catch (JacksonException e) {
            throw new StandInFailure("error converting YAML to JSON: " + e.getOriginalMessage());
        }
    }
}
