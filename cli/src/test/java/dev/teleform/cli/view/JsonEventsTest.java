package dev.teleform.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class JsonEventsTest {

    private static String emitted(Consumer<JsonEvents> events) {
        StringWriter out = new StringWriter();
        events.accept(new JsonEvents(new PrintWriter(out), InstantSource.fixed(Instant.parse("2025-03-01T12:00:00Z"))));
        return out.toString();
    }

    @Test
    void eachStepEventIsOneLineNamingTheStepItsActionAndAddress() {
        assertEquals("""
                {"time":"2025-03-01T12:00:00Z","event":"started","step":"create role/example@child","action":"create","address":"role/example@child"}
                {"time":"2025-03-01T12:00:00Z","event":"finished","step":"create role/example@child","action":"create","address":"role/example@child","elapsed_ms":449}
                {"time":"2025-03-01T12:00:00Z","event":"failed","step":"delete role/example@child","action":"delete","address":"role/example@child","reason":"access denied"}
                {"time":"2025-03-01T12:00:00Z","event":"skipped","step":"update role/example@child","action":"update","address":"role/example@child","reason":"workload_cluster/child failed"}
                """, emitted(events -> {
            events.started(Steps.CREATE);
            events.finished(Steps.CREATE, Duration.ofMillis(449));
            events.failed(Steps.DELETE, "access denied");
            events.skipped(Steps.UPDATE, "workload_cluster/child failed");
        }));
    }

    @Test
    void waitsRetriesAndDeferralsCarryTheirDetails() {
        assertEquals("""
                {"time":"2025-03-01T12:00:00Z","event":"waiting","step":"wait workload_cluster/child","action":"wait","address":"workload_cluster/child","elapsed_ms":90000,"state":"provisioning"}
                {"time":"2025-03-01T12:00:00Z","event":"retrying","step":"create role/example@child","action":"create","address":"role/example@child","attempt":2,"after_ms":1500,"reason":"connection reset"}
                {"time":"2025-03-01T12:00:00Z","event":"deferred","step":"invite user/alice@child","action":"invite","address":"user/alice@child","reason":"pending: there is nowhere to deliver the link"}
                """, emitted(events -> {
            events.waiting(Steps.WAIT, Duration.ofSeconds(90), "provisioning");
            events.retrying(Steps.CREATE, 2, Duration.ofMillis(1500), "connection reset");
            events.deferred(Steps.INVITE, "pending: there is nowhere to deliver the link");
        }));
    }

    @Test
    void anIssuedInviteNamesTheUserAndExpiryButNeverTheLink() {
        assertEquals("""
                {"time":"2025-03-01T12:00:00Z","event":"invite_created","user":"alice","cluster":"child","expires":"2025-03-01T14:00:00Z"}
                """, emitted(events -> events.invited(Steps.LINK)));
    }

    @Test
    void aValueWithALineBreakStaysOnItsLine() {
        assertEquals("""
                {"time":"2025-03-01T12:00:00Z","event":"failed","step":"create role/example@child","action":"create","address":"role/example@child","reason":"denied:\\n  by policy"}
                """, emitted(events -> events.failed(Steps.CREATE, "denied:\n  by policy")));
    }
}
