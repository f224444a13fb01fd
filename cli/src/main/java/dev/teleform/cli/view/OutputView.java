package dev.teleform.cli.view;

import dev.teleform.engine.operation.OutputOperation.Cluster;
import dev.teleform.engine.operation.OutputOperation.Counts;
import dev.teleform.engine.operation.OutputOperation.Outputs;
import dev.teleform.engine.render.JsonLine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code teleform output}: a table for people, or one JSON object whose shape scripts rely on
 * ({@code schemas/output.schema.json}): every key always there, an unknown value {@code null}.
 */
public final class OutputView {

    /** How the outputs are printed. */
    public enum Format { TEXT, JSON }

    private static final String UNKNOWN = "-";

    private OutputView() {
    }

    public static void print(Outputs outputs, Format format, PrintWriter out) {
        switch (format) {
            case TEXT -> out.print(text(outputs));
            case JSON -> out.println(JsonLine.of(json(outputs)));
        }
        out.flush();
    }

    static String text(Outputs outputs) {
        StringBuilder text = new StringBuilder("stack " + outputs.stack() + (outputs.live()
                ? ": domain and state read live from Teleport Cloud\n"
                : ": from state (--refresh reads domain and state live)\n"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CLUSTER", "STATE", "DOMAIN", "BOT", "ROLES", "USERS"});
        for (Cluster cluster : outputs.clusters()) {
            rows.add(new String[] {cluster.name(), or(cluster.state()), or(cluster.domain()), or(cluster.bot()),
                String.valueOf(cluster.managed().roles()), String.valueOf(cluster.managed().users())});
        }
        rows.add(new String[] {"(parent)", "", "", "", String.valueOf(outputs.parent().roles()),
            String.valueOf(outputs.parent().users())});
        int[] widths = new int[rows.getFirst().length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // the counts are right-aligned, the names left
                String cell = i >= 4 ? " ".repeat(widths[i] - row[i].length()) + row[i]
                        : row[i] + " ".repeat(widths[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        if (outputs.clusters().isEmpty()) {
            text.append("state holds no workload cluster\n");
        }
        outputs.clusters().stream().filter(cluster -> cluster.why().isPresent())
                .forEach(cluster -> text.append(cluster.name()).append(": ").append(cluster.why().get()).append('\n'));
        return text.toString();
    }

    private static String or(Optional<String> value) {
        return value.orElse(UNKNOWN);
    }

    static ObjectNode json(Outputs outputs) {
        ObjectNode json = JsonLine.object();
        json.put("stack", outputs.stack());
        json.put("source", outputs.live() ? "live" : "state");
        ArrayNode clusters = json.putArray("clusters");
        for (Cluster cluster : outputs.clusters()) {
            ObjectNode one = clusters.addObject();
            one.put("name", cluster.name());
            put(one, "domain", cluster.domain());
            put(one, "state", cluster.state());
            put(one, "bot", cluster.bot());
            counts(one, cluster.managed());
            put(one, "why", cluster.why());
        }
        counts(json.putObject("parent"), outputs.parent());
        return json;
    }

    private static void put(ObjectNode json, String key, Optional<String> value) {
        if (value.isPresent()) {
            json.put(key, value.get());
        } else {
            json.putNull(key);
        }
    }

    private static void counts(ObjectNode json, Counts counts) {
        json.put("roles", counts.roles());
        json.put("users", counts.users());
    }
}
