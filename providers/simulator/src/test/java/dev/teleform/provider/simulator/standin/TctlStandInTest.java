package dev.teleform.provider.simulator.standin;


import dev.teleform.provider.simulator.SimFixture;
import dev.teleform.provider.simulator.cloud.SimConsole;
import dev.teleform.provider.simulator.cloud.SimulatedCloud;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tctl stand-in's output, exit status and error texts, as TELEPORT.md §3 gives tctl's. */
class TctlStandInTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run tctl(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SimConsole console = new SimConsole(SimFixture.config(dir.resolve("sim"), SimFixture.clock()));
        int exit = new TctlStandIn(console, new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).run(List.of(args));
        return new Run(exit, out.toString(), err.toString());
    }

    private static final String PARENT = SimulatedCloud.PARENT_PROXY;

    @Test
    void aCreateStopsAtTheFirstErrorAfterSayingWhatItWrote() {
        tctl("{\"kind\":\"role\",\"version\":\"v7\",\"metadata\":{\"name\":\"b\"},\"spec\":{}}", "--auth-server", PARENT,
                "create");
        Run run = tctl("""
                {"kind":"role","version":"v7","metadata":{"name":"a"},"spec":{}}
                {"kind":"role","version":"v7","metadata":{"name":"b"},"spec":{}}
                {"kind":"role","version":"v7","metadata":{"name":"c"},"spec":{}}
                """, "--auth-server", PARENT, "create");
        assertEquals(1, run.exit());
        assertEquals("role \"a\" has been created\n", run.out());
        assertEquals("\u001B[31mERROR: use -f or --force flag to overwrite\n\trole \"b\" already exists\u001B[0m\n\n",
                run.err());
        assertEquals(1, tctl("", "--auth-server", PARENT, "get", "role/c", "--format", "json").exit(), "c was not tried");
    }

    @Test
    void getsPrintJsonArraysAndSeveralKindsOnlyAsYaml() {
        assertEquals("[]", tctl("", "--auth-server", PARENT, "get", "users", "--format", "json").out());
        Run mixed = tctl("", "--auth-server", PARENT, "get", "roles,users", "--format", "json");
        assertEquals(1, mixed.exit());
        assertEquals("\u001B[31mERROR: mixed resource types only support YAML formatting\u001B[0m\n\n", mixed.err());
        Run missing = tctl("", "--auth-server", PARENT, "get", "role/nope", "--format", "json");
        assertEquals("\u001B[31mERROR: getting resource \"nope\" of type \"role\"\n\trole nope is not found\u001B[0m\n\n",
                missing.err());
        Run unknown = tctl("", "--auth-server", PARENT, "get", "workload_clusterz");
        assertEquals("\u001B[31mERROR: unsupported resource: \"workload_clusterz\" - resources should be expressed as "
                + "'type/name', for example 'connector/github'\u001B[0m\n\n", unknown.err());
        Run identityAlone = tctl("", "-i", "x.pem", "get", "roles");
        assertEquals("\u001B[31mERROR: tctl --identity also requires --auth-server\u001B[0m\n\n", identityAlone.err());
    }
}
