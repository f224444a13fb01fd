package dev.teleform.provider.simulator.standin;

import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.provider.simulator.cloud.Caller;
import dev.teleform.provider.simulator.cloud.Faults;
import dev.teleform.provider.simulator.cloud.Operation;
import dev.teleform.provider.simulator.cloud.SimConsole;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import dev.teleform.provider.simulator.store.SimStore;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Answers as Teleport's {@code tctl} does (TELEPORT.md §3), against the simulator, so the real provider
 * can be tested through real processes: the global flags {@code --auth-server} and {@code -i}, then
 * {@code get}, {@code create [-f] [FILE]}, {@code rm} and {@code users reset}, with tctl's output
 * formats, exit status and error texts. Each run is one call in the simulator's record and faults.
 */
public final class TctlStandIn {

    private static final String RED = "\u001B[31m";
    private static final String RESET = "\u001B[0m";
    private static final Duration DEFAULT_RESET_TTL = Duration.ofHours(8);
    private static final Map<String, String> KINDS = Map.of("role", SimulatedCloud.ROLE, "roles", SimulatedCloud.ROLE,
            "user", SimulatedCloud.USER, "users", SimulatedCloud.USER, "workload_cluster", SimulatedCloud.WORKLOAD_CLUSTER,
            "workload_clusters", SimulatedCloud.WORKLOAD_CLUSTER);

    private final SimConsole console;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream stdin;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private final YAMLMapper yaml = YAMLMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    public TctlStandIn(SimConsole console, PrintWriter out, PrintWriter err, InputStream stdin) {
        this.console = console;
        this.out = out;
        this.err = err;
        this.stdin = stdin;
    }

    /** A failure with tctl's text; the run prints it and exits 1. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    public int run(List<String> args) {
        try {
            return dispatch(args);
        } catch (Failure failure) {
            out.flush(); // what was written before the failure, e.g. "role \"a\" has been created"
            err.print(RED + "ERROR: " + failure.getMessage() + RESET + "\n\n");
            err.flush();
            return 1;
        }
    }

    private int dispatch(List<String> args) {
        String authServer = null;
        Path identity = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--auth-server")) {
                authServer = value(args, ++i, arg);
            } else if (arg.startsWith("--auth-server=")) {
                authServer = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.equals("-i") || arg.equals("--identity")) {
                identity = Path.of(value(args, ++i, arg));
            } else if (arg.startsWith("--identity=")) {
                identity = Path.of(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.equals("-c") || arg.equals("--config")) {
                i++;
            } else if (!arg.equals("-d") && !arg.equals("--debug") && !arg.equals("--insecure")) {
                rest.add(arg);
            }
        }
        if (identity != null && authServer == null) {
            throw new Failure("tctl --identity also requires --auth-server");
        }
        if (rest.isEmpty()) {
            throw new Failure("expected command but got none");
        }
        Caller caller = caller(authServer, identity);
        String command = rest.getFirst();
        List<String> operands = rest.subList(1, rest.size());
        return switch (command) {
            case "get" -> get(caller, operands);
            case "create" -> create(caller, operands);
            case "rm", "del" -> rm(caller, operands);
            case "users" -> users(caller, operands);
            default -> throw new Failure("expected command but got \"" + command + "\"");
        };
    }

    private static String value(List<String> args, int index, String flag) {
        if (index >= args.size()) {
            throw new Failure("expected argument for flag '" + flag + "'");
        }
        return args.get(index);
    }

    /** Who calls: the identity's user in the cluster the auth server names; no identity is the parent's admin. */
    private Caller caller(String authServer, Path identity) {
        String address = authServer == null ? "127.0.0.1:3025" : authServer;
        String host = address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
        String parentHost = SimulatedCloud.PARENT_PROXY.substring(0, SimulatedCloud.PARENT_PROXY.lastIndexOf(':'));
        String cluster;
        if (host.equals(parentHost)) {
            cluster = SimStore.PARENT;
        } else if (host.endsWith(".teleport.sh") && console.store().exists(SimStore.PARENT,
                SimulatedCloud.WORKLOAD_CLUSTER, host.substring(0, host.length() - ".teleport.sh".length()))) {
            cluster = host.substring(0, host.length() - ".teleport.sh".length());
        } else {
            throw new Failure("Cannot connect to the auth server. Is the auth server running on \"" + address + "\"?");
        }
        if (identity == null) {
            if (!cluster.equals(SimStore.PARENT)) {
                throw new Failure("access denied: no credentials for " + host + " (log in with tsh or pass -i)");
            }
            return Caller.parentAdmin();
        }
        return ok(console.cloud().identities().authenticate(identity, cluster, console.cloud().now()));
    }

    // ---- get

    private int get(Caller caller, List<String> operands) {
        String format = "yaml";
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            String operand = operands.get(i);
            if (operand.equals("--format")) {
                format = value(operands, ++i, operand);
            } else if (operand.startsWith("--format=")) {
                format = operand.substring("--format=".length());
            } else {
                refs.addAll(List.of(operand.split(",")));
            }
        }
        if (refs.isEmpty()) {
            throw new Failure("required argument 'resources' not provided");
        }
        if (refs.size() > 1 && !format.equals("yaml")) {
            throw new Failure("mixed resource types only support YAML formatting");
        }
        List<ObjectNode> found = new ArrayList<>();
        for (String ref : refs) {
            String[] parts = ref.split("/", 2);
            String kind = kind(parts[0]);
            count(parts.length == 2 ? Operation.GET : Operation.LIST, kind);
            if (parts.length == 2 && !parts[1].isEmpty()) {
                found.add(wrapped(console.cloud().get(caller, kind, parts[1]),
                        "getting resource \"" + parts[1] + "\" of type \"" + kind + "\""));
            } else {
                found.addAll(ok(console.cloud().list(caller, kind)));
            }
        }
        switch (format) {
            case "json" -> out.print(found.isEmpty() ? "[]" : json.writer().with(fourSpaces()).writeValueAsString(found) + "\n");
            case "yaml" -> found.forEach(document -> out.print(yaml.writeValueAsString(document)));
            case "text" -> {
                out.println("Name");
                out.println("----");
                found.forEach(document -> out.println(SimulatedCloud.name(document)));
            }
            default -> throw new Failure("unsupported format");
        }
        out.flush();
        return 0;
    }

    private static DefaultPrettyPrinter fourSpaces() {
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        return new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    // ---- create

    private int create(Caller caller, List<String> operands) {
        boolean force = false;
        Optional<String> file = Optional.empty();
        for (String operand : operands) {
            if (operand.equals("-f") || operand.equals("--force")) {
                force = true;
            } else {
                file = Optional.of(operand);
            }
        }
        List<ObjectNode> documents = documents(read(file));
        if (documents.isEmpty()) {
            throw new Failure("no resources found, empty input?");
        }
        for (ObjectNode document : documents) {
            String kind = document.path("kind").asString("");
            if (!KINDS.containsKey(kind) || kind.endsWith("s")) {
                throw new Failure("creating resources of type \"" + kind + "\" is not supported");
            }
            String name = SimulatedCloud.name(document);
            boolean existed = console.store().exists(caller.cluster(), kind, name);
            count(force ? Operation.UPSERT : Operation.CREATE, kind);
            Either<ProviderError, ObjectNode> written = console.cloud().write(caller,
                    force ? SimulatedCloud.WriteMode.UPSERT : SimulatedCloud.WriteMode.CREATE, document);
            if (written.isLeft() && written.getLeft() instanceof ProviderError.AlreadyExists exists) {
                throw new Failure("use -f or --force flag to overwrite\n\t" + exists.message());
            }
            ok(written);
            String what = kind.equals(SimulatedCloud.WORKLOAD_CLUSTER) ? "workload cluster" : kind;
            out.println(what + " \"" + name + "\" has been "
                    + (existed && kind.equals(SimulatedCloud.USER) ? "updated" : "created"));
        }
        out.flush();
        return 0;
    }

    private byte[] read(Optional<String> file) {
        try {
            return file.isPresent() ? Files.readAllBytes(Path.of(file.get())) : stdin.readAllBytes();
        } catch (IOException e) {
            throw new Failure("open " + file.orElse("stdin") + ": " + e.getMessage());
        }
    }

    /** A JSON stream (what Teleform sends) or YAML documents separated by {@code ---}. */
    private List<ObjectNode> documents(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        try (MappingIterator<JsonNode> values = text.startsWith("{") ? json.readerFor(JsonNode.class).readValues(text)
                : yaml.readerFor(JsonNode.class).readValues(text)) {
            List<ObjectNode> documents = new ArrayList<>();
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                if (value instanceof ObjectNode object) {
                    documents.add(object);
                } else if (value != null && !value.isNull() && !value.isMissingNode()) {
                    throw new Failure("error converting YAML to JSON: expected a resource, got " + value.getNodeType());
                }
            }
            return documents;
        } catch (JacksonException e) {
            throw new Failure("error converting YAML to JSON: " + e.getOriginalMessage());
        }
    }

    // ---- rm, users

    private int rm(Caller caller, List<String> operands) {
        if (operands.isEmpty() || !operands.getFirst().contains("/")) {
            throw new Failure("expected resource type/name, e.g. role/admin");
        }
        String[] parts = operands.getFirst().split("/", 2);
        String kind = kind(parts[0]);
        count(Operation.DELETE, kind);
        wrapped(console.cloud().delete(caller, kind, parts[1]),
                "error deleting resource \"" + parts[1] + "\" of type \"" + kind + "\"");
        String what = kind.equals(SimulatedCloud.WORKLOAD_CLUSTER) ? "workload cluster" : kind;
        out.println(what + " \"" + parts[1] + "\" has been deleted");
        out.flush();
        return 0;
    }

    private int users(Caller caller, List<String> operands) {
        if (operands.size() < 2 || !operands.getFirst().equals("reset")) {
            throw new Failure("the simulator's tctl knows only 'users reset NAME [--ttl D]'");
        }
        String user = operands.get(1);
        Duration ttl = DEFAULT_RESET_TTL;
        for (int i = 2; i < operands.size(); i++) {
            String operand = operands.get(i);
            String text = operand.equals("--ttl") ? value(operands, ++i, operand)
                    : operand.startsWith("--ttl=") ? operand.substring("--ttl=".length()) : null;
            if (text != null) {
                ttl = GoDuration.parse(text).orElseThrow(() -> new Failure("time: invalid duration \"" + text + "\""));
            }
        }
        count(Operation.INVITE, SimulatedCloud.USER);
        SimulatedCloud.InviteGrant grant = ok(console.cloud().resetLink(caller, user, ttl));
        String proxy = grant.url().getHost() + ":" + grant.url().getPort();
        out.println("User \"" + user + "\" has been reset. Share this URL with the user to complete password reset, "
                + "link is valid for " + GoDuration.format(ttl) + ":");
        out.println(grant.url());
        out.println();
        out.println("NOTE: Make sure " + proxy + " points at a Teleport proxy which users can access.");
        out.flush();
        return 0;
    }

    // ---- helpers

    private static String kind(String name) {
        String kind = KINDS.get(name.toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new Failure("unsupported resource: \"" + name + "\" - resources should be expressed as 'type/name', "
                    + "for example 'connector/github'");
        }
        return kind;
    }

    /** Records the call and applies injected faults, as the embedded provider does for each call. */
    private void count(Operation operation, String kind) {
        Faults.Decision decision = console.faults().before(operation, kind);
        if (!decision.latency().isZero()) {
            try {
                Thread.sleep(decision.latency());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        decision.failure().ifPresent(failure -> {
            throw new Failure(failure.message());
        });
    }

    private static <T> T ok(Either<ProviderError, T> result) {
        return result.getOrElseThrow(error -> new Failure(error.message()));
    }

    /** tctl puts its own context first and the server's text on an indented line. */
    private static <T> T wrapped(Either<ProviderError, T> result, String context) {
        return result.getOrElseThrow(error -> new Failure(error instanceof ProviderError.NotFound
                ? context + "\n\t" + error.message() : error.message()));
    }
}
