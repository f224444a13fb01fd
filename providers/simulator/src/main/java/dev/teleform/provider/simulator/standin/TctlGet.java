package dev.teleform.provider.simulator.standin;

import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.Operation;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
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
        resources.forEach(resource -> refs.addAll(List.of(resource.split(","))));
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
                found.add(Tctl.wrapped(tctl.console().cloud().get(caller, kind, parts[1]),
                        "getting resource \"" + parts[1] + "\" of type \"" + kind + "\""));
            } else {
                found.addAll(Tctl.ok(tctl.console().cloud().list(caller, kind)));
            }
        }
        print(found, tctl.out());
        return 0;
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
