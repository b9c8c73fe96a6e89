package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.core.Future;

import dev.switchboard.gateway.admission.CallerLimits;
import dev.switchboard.gateway.admission.Slot;
import dev.switchboard.gateway.policy.PolicyHolder;
import dev.switchboard.gateway.usage.EdgeUsageEvents;
import dev.switchboard.model.policy.Caller;
import dev.switchboard.model.usage.UsageEvent;

/** RPM and concurrency limits against the real Redis at 127.0.0.1:6379 (keys under a per-run prefix). */
@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class CallerLimitsTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @GatewayTestResources.Backends
    FakeBackends backends;

    @TestHTTPResource("/")
    URL base;

    @Inject
    CallerLimits limits;

    @Inject
    PolicyHolder policies;

    @Inject
    GatewayConfig config;

    @Inject
    RedisDataSource redis;

    UsageSink usage;

    @BeforeEach
    void setUp() {
        usage = new UsageSink(connector.sink(EdgeUsageEvents.CHANNEL));
        usage.clear();
        backends.reset();
    }

    @Test
    void requestsBeyondTheRpmLimitAreRefusedWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            chat("rpm", "alpha").then().statusCode(200);
        }
        Response refused = chat("rpm", "alpha");
        refused.then()
                .statusCode(429)
                .body("error.type", equalTo("rpm-exceeded"))
                .body("error.details.limit", equalTo(3));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(backends.routeCalls).hasSize(3);

        UsageEvent event = usage.awaitOne(refused.header("X-Request-Id"));
        assertThat(event.status()).isEqualTo(429);
        assertThat(event.errorType()).isEqualTo("rpm-exceeded");
        assertThat(event.callerId()).isEqualTo("rpm");
        assertThat(event.resolvedGroup()).isEqualTo("alpha");
    }

    @Test
    void concurrencySlotsAreReleasedWhenResponsesEnd() {
        // concurrent: 1, one after the other: each response must hand the slot back before the next request
        for (int i = 0; i < 5; i++) {
            chat("conc", "alpha").then().statusCode(200);
        }
        // a gateway-rendered error releases the slot too
        backends.stop();
        try {
            chat("conc", "alpha").then().statusCode(503);
        } finally {
            backends.restart();
        }
        chat("conc", "alpha").then().statusCode(200);
    }

    @Test
    void aSlotGivenBackIsFreeForTheCallersNextRequestAtOnceNotAfterTheWriteDelay() throws Exception {
        // concurrent: 1 is below the optimistic minimum: each admission waits for Redis, while the release of the
        // previous slot is still waiting to be written with others; the admission must carry it
        Caller conc = policies.current().callerByToken(Tokens.of("conc")).orElseThrow();
        String inflight = config.limits().keyPrefix() + "{conc}:inflight";
        for (int i = 0; i < 20; i++) {
            Slot slot = limits.admit(conc).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            slot.release();
        }
        assertThat(redis.sortedSet(String.class).zcard(inflight)).as("every slot but the last written back")
                .isLessThanOrEqualTo(1);
        Await.until(() -> redis.sortedSet(String.class).zcard(inflight) == 0, Duration.ofSeconds(5),
                "the last release to be written");
    }

    @Test
    void aRedisThatStopsAnsweringRefusesLimitedCallersAfterTheTimeoutNotTheLongerWait() {
        // Redis holds every write command (the admission script among them) but stays connected: a hung Redis
        redis.execute("CLIENT", "PAUSE", "3000", "WRITE");
        long start = System.nanoTime();
        Response refused;
        try {
            refused = chat("conc", "alpha");
        } finally {
            redis.execute("CLIENT", "UNPAUSE");
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        refused.then()
                .statusCode(503)
                .body("error.details.reason", equalTo("limits-store-unavailable"));
        assertThat(waited).as("redis-timeout applies when nothing answers, not redis-max-wait")
                .isGreaterThanOrEqualTo(config.limits().redisTimeout())
                .isLessThan(config.limits().redisMaxWait());
        assertThat(backends.routeCalls).isEmpty();
        // the held script ran once Redis resumed: its slot is given back, the caller is served again
        Await.until(() -> chat("conc", "alpha").statusCode() == 200, Duration.ofSeconds(5),
                "the late admission's slot to be released");
    }

    @Test
    void concurrencyLimitRefusesWhileInFlightAndReleasesOnDisconnect() throws Exception {
        try (Socket held = new Socket(base.getHost(), base.getPort())) {
            sendRaw(held, "/v1/chat/completions", "conc-held-1", Bodies.chat("slow"));
            Await.until(
                    () -> backends.routeCalls.stream().anyMatch(c -> "conc-held-1".equals(c.header("x-request-id"))),
                    Duration.ofSeconds(5), "the held request to reach routing");

            Response refused = chat("conc", "alpha");
            refused.then()
                    .statusCode(429)
                    .body("error.type", equalTo("concurrency-exceeded"))
                    .body("error.details.limit", equalTo(1));
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
            assertThat(usage.awaitOne(refused.header("X-Request-Id")).errorType()).isEqualTo("concurrency-exceeded");
        }
        // the caller hung up: the gateway resets its routing exchange and hands the slot back
        Await.until(() -> backends.closedByGateway.contains("conc-held-1"), Duration.ofSeconds(5),
                "the gateway to reset the routing request");
        Await.until(() -> chat("conc", "alpha").statusCode() == 200, Duration.ofSeconds(5),
                "the concurrency slot to be released");
    }

    @Test
    void anthropicCallersAreRefusedInTheAnthropicEnvelopeAndReleaseTheirSlots() throws Exception {
        try (Socket held = new Socket(base.getHost(), base.getPort())) {
            sendRaw(held, "/anthropic/v1/messages?beta=true", "conc-held-anthropic", Bodies.messages("slow"));
            Await.until(() -> backends.routeCalls.stream()
                    .anyMatch(c -> "conc-held-anthropic".equals(c.header("x-request-id"))), Duration.ofSeconds(5),
                    "the held request to reach routing");

            Response refused = given().header("x-api-key", Tokens.of("conc"))
                    .contentType(ContentType.JSON)
                    .body(Bodies.messages("alpha"))
                    .post("/v1/messages");
            var body = Envelopes.assertAnthropic(refused, 429, "concurrency-exceeded");
            assertThat(body.getInt("error.details.limit")).isEqualTo(1);
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
            UsageEvent event = usage.awaitOne(refused.header("X-Request-Id"));
            assertThat(event.errorType()).isEqualTo("concurrency-exceeded");
            assertThat(event.inboundDialect()).isEqualTo("anthropic-messages");
        }
        Await.until(() -> backends.closedByGateway.contains("conc-held-anthropic"), Duration.ofSeconds(5),
                "the gateway to reset the routing request");
        Await.until(() -> chat("conc", "alpha").statusCode() == 200, Duration.ofSeconds(5),
                "the concurrency slot to be released");
    }

    @Test
    void farFromItsLimitsACallerIsAdmittedAtOnceAndEveryAdmissionIsStillRecordedAndReleased() throws Exception {
        Caller bulk = policies.current().callerByToken(Tokens.of("bulk")).orElseThrow();
        List<Slot> slots = new ArrayList<>();
        slots.add(limits.admit(bulk).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        for (int i = 0; i < 20; i++) {
            Future<Slot> admitted = limits.admit(bulk);
            assertThat(admitted.isComplete()).as("admission %d must not wait for Redis", i).isTrue();
            slots.add(admitted.result());
        }
        String base = config.limits().keyPrefix() + "{bulk}";
        Await.until(() -> redis.sortedSet(String.class).zcard(base + ":rpm") == 21, Duration.ofSeconds(5),
                "every admission to be recorded in the rolling window");
        assertThat(redis.sortedSet(String.class).zcard(base + ":inflight")).isEqualTo(21);

        slots.forEach(Slot::release);
        Await.until(() -> redis.sortedSet(String.class).zcard(base + ":inflight") == 0, Duration.ofSeconds(5),
                "every slot to be released after its record");
    }

    @Test
    void nearItsLimitEveryAdmissionWaitsForRedisSoTheLimitHoldsExactly() {
        for (int i = 0; i < 100; i++) {
            chat("hundred", "alpha").then().statusCode(200);
        }
        chat("hundred", "alpha").then().statusCode(429).body("error.type", equalTo("rpm-exceeded"));

        assertThat(backends.routeCalls).hasSize(100);
        assertThat(redis.sortedSet(String.class).zcard(config.limits().keyPrefix() + "{hundred}:rpm"))
                .isEqualTo(100);
    }

    private static Response chat(String caller, String model) {
        return given().auth()
                .oauth2(Tokens.of(caller))
                .contentType(ContentType.JSON)
                .body(Bodies.chat(model))
                .post("/v1/chat/completions");
    }

    private static void sendRaw(Socket socket, String path, String requestId, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\n" + "Host: localhost\r\n" + "Authorization: Bearer "
                + Tokens.of("conc") + "\r\n" + "Content-Type: application/json\r\n" + "X-Request-Id: " + requestId
                + "\r\n" + "Content-Length: " + bytes.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }
}
