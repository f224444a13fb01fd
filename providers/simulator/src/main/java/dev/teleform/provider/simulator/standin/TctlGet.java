package dev.teleform.provider.simulator.standin;

import dev.teleform.engine.provider.ProviderError;
import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.Operation;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code tctl get KIND[/NAME][,...] [--format yaml|json|text]}: a JSON array, YAML documents, or a table
 * of names; several kinds only in YAML.
 */
@Command(name = "get")
final class TctlGet implements StandInCommand {

    @ParentCommand
    Tctl tctl;

    @Option(names = "--format", defaultValue = "yaml")
    String format;

    @Parameters(paramLabel = "resources", arity = "1..*")
    List<String> resources = new ArrayList<>();

    @Override
    public int run() {
        Caller caller = tctl.caller();
        List<String> refs = new ArrayList<>();
        for (String resource : resources) {
            // a comma inside a name is escaped as \, (lib/services/resource.go, ParseRefs)
            for (String ref : resource.split("(?<!\\\\),")) {
                refs.add(ref.replace("\\,", ","));
            }
        }
        if (refs.isEmpty()) {
            throw new StandInFailure("required argument 'resources' not provided");
        }
        if (refs.size() > 1 && !format.equals("yaml")) {
            throw new StandInFailure("mixed resource types only support YAML formatting");
        }
        List<ObjectNode> found = new ArrayList<>();
        for (String ref : refs) {
            String[] parts = ref.split("/", 2);
            String kind = Tctl.kind(parts[0]);
            tctl.count(parts.length == 2 ? Operation.GET : Operation.LIST, kind);
            if (parts.length == 2 && !parts[1].isEmpty()) {
                found.add(gotten(tctl.console().cloud().get(caller, kind, parts[1]), parts[1], kind));
            } else {
                found.addAll(gotten(tctl.console().cloud().list(caller, kind), "", kind));
            }
        }
        print(found, tctl.out());
        return 0;
    }

    /**
     * tctl's get puts its context before whatever the server answered, found or not: {@code getting resource "NAME"
     * of type "KIND"}, the name empty for a listing (tool/tctl/common/resource_command.go, getCollectionByRef).
     */
    private static <T> T gotten(Either<ProviderError, T> result, String name, String kind) {
        return result.getOrElseThrow(error -> new StandInFailure("getting resource \"" + name + "\" of type \"" + kind
                + "\"\n\t" + error.message()));
    }

    private void print(List<ObjectNode> found, PrintWriter out) {
        switch (format) {
            case "json" -> {
                JsonMapper json = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
                out.print(found.isEmpty() ? "[]\n" : json.writer().with(fourSpaces()).writeValueAsString(found) + "\n");
            }
            case "yaml" -> {
                YAMLMapper yaml = YAMLMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
                found.forEach(document -> out.print(yaml.writeValueAsString(document)));
            }
            case "text" -> {
                out.println("Name");
                out.println("----");
                found.forEach(document -> out.println(SimulatedCloud.name(document)));
            }
            default -> throw new StandInFailure("unsupported format");
        }
        out.flush();
    }

    private static DefaultPrettyPrinter fourSpaces() {
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        return new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
    }
}
