package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import dev.switchboard.gateway.usage.EdgeUsageEvents;

/**
 * Drives every kind of answer the gateway renders itself and checks that no router token, token hash or prompt text
 * reaches an error body, a log line or a usage event.
 */
@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class NoSecretsLeakTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @GatewayTestResources.Backends
    FakeBackends backends;

    private final ConcurrentLinkedQueue<String> logLines = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            logLines.add(record.getLoggerName() + " " + message
                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    UsageSink usage;

    @BeforeEach
    void setUp() {
        usage = new UsageSink(connector.sink(EdgeUsageEvents.CHANNEL));
        usage.clear();
        backends.reset();
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void tokensHashesAndPromptsStayOut() {
        List<String> bodies = new ArrayList<>();
        String unknownToken = "sbk_ghost_" + "s3cr3t".repeat(6);
        bodies.add(chat(unknownToken, Bodies.chat("alpha"), 401));
        bodies.add(chat(Tokens.of("disabled"), Bodies.chat("alpha"), 403));
        bodies.add(chat(Tokens.of("narrow"), Bodies.chat("alpha"), 403));
        bodies.add(chat(Tokens.of("alice"), "{\"model\":\"alpha\",\"messages\":[{\"role\":\"" + Bodies.PROMPT
                + "\",\"content\":\"" + Bodies.PROMPT + "\"}]}", 400));
        bodies.add(chat(Tokens.of("alice"), "{\"model\":\"alpha\",\"messages\":\"" + Bodies.PROMPT, 400));
        bodies.add(chat(Tokens.of("alice"), Bodies.chat("alpha"), 200));
        backends.stop();
        try {
            bodies.add(chat(Tokens.of("alice"), Bodies.chat("alpha"), 503));
        } finally {
            backends.restart();
        }

        Await.until(() -> usage.messages().size() >= 6, java.time.Duration.ofSeconds(5), "six edge events");
        List<String> events = usage.messages()
                .stream()
                .map(m -> new String(m.getPayload(), StandardCharsets.UTF_8))
                .toList();
        // the capture works: the routing outage was logged, with its request ID
        assertThat(logLines).anyMatch(line -> line.contains("routing unreachable"));

        List<String> secrets = List.of(unknownToken, Tokens.of("alice"), Tokens.of("disabled"), Tokens.of("narrow"),
                Tokens.hashOf("alice"), Tokens.hashOf("disabled"), Tokens.hashOf("narrow"),
                Tokens.hashOf("alice").toUpperCase(), "PROMPT-MARKER-7f3a");
        for (String secret : secrets) {
            assertThat(bodies).noneMatch(b -> b.contains(secret));
            assertThat(events).noneMatch(e -> e.contains(secret));
            assertThat(logLines).noneMatch(l -> l.contains(secret));
        }
        assertThat(events).hasSize(6).allMatch(e -> e.contains("\"source\":\"gateway\""));
    }

    @Test
    void theNewDialectsKeepThemOutToo() {
        List<String> bodies = new ArrayList<>();
        String unknownToken = "sbk_ghost_" + "an7hr0p1c".repeat(5);
        bodies.add(post("/anthropic/v1/messages", "x-api-key", unknownToken, Bodies.messages("alpha"), 401));
        bodies.add(post("/v1/messages?beta=true", "x-api-key", Tokens.of("narrow"), Bodies.messages("alpha"), 403));
        bodies.add(post("/v1/messages", "x-api-key", Tokens.of("alice"), "{\"model\":\"alpha\",\"max_tokens\":1,"
                + "\"messages\":[{\"role\":\"" + Bodies.PROMPT + "\",\"content\":\"" + Bodies.PROMPT + "\"}]}", 400));
        bodies.add(post("/v1/responses", "x-api-key", Tokens.of("alice"),
                "{\"model\":\"alpha\",\"input\":[{\"role\":\"" + Bodies.PROMPT + "\"}]}", 400));
        bodies.add(post("/v1/responses", "x-api-key", Tokens.of("disabled"), Bodies.responses("alpha"), 403));
        bodies.add(post("/anthropic/v1/messages/count_tokens", "x-api-key", Tokens.of("narrow"),
                Bodies.countTokens("alpha"), 403));
        bodies.add(post("/anthropic/v1/messages/count_tokens", "x-api-key", Tokens.of("alice"),
                Bodies.countTokens("alpha"), 200));

        Await.until(() -> usage.messages().size() >= 5, java.time.Duration.ofSeconds(5), "five edge events");
        Await.pause(java.time.Duration.ofMillis(300));
        List<String> events = usage.messages()
                .stream()
                .map(m -> new String(m.getPayload(), StandardCharsets.UTF_8))
                .toList();
        List<String> secrets = List.of(unknownToken, Tokens.of("alice"), Tokens.of("disabled"), Tokens.of("narrow"),
                Tokens.hashOf("alice"), Tokens.hashOf("disabled"), Tokens.hashOf("narrow"), "PROMPT-MARKER-7f3a");
        for (String secret : secrets) {
            assertThat(bodies).noneMatch(b -> b.contains(secret));
            assertThat(events).noneMatch(e -> e.contains(secret));
            assertThat(logLines).noneMatch(l -> l.contains(secret));
        }
        // count_tokens records nothing; the five refused model requests one event each
        assertThat(events).hasSize(5).allMatch(e -> e.contains("\"source\":\"gateway\""));
    }

    private static String post(String path, String header, String token, String body, int status) {
        return given().header(header, token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then()
                .statusCode(status)
                .extract()
                .asString();
    }

    private static String chat(String token, String body, int status) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/chat/completions")
                .then()
                .statusCode(status)
                .extract()
                .asString();
    }
}
