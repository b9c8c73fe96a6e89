package dev.switchboard.simulator.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.switchboard.simulator.support.RawHttp;
import dev.switchboard.simulator.support.Sse;

@QuarkusTest
class TimingTest {

    private static final String PROMPT = "{\"model\":\"%s\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three four\"}]%s}";
    private static final String STREAM = ",\"stream\":true";

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void reset() {
        given().post("/_sim/reset").then().statusCode(204);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void latencyHeaderDelaysTheAnswer() {
        long start = System.nanoTime();
        given().contentType(ContentType.JSON)
                .header("x-sim-latency-ms", "300")
                .body(PROMPT.formatted("gpt-4o", ""))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(300);
    }

    @Test
    void latencyAlsoDelaysFailures() {
        long start = System.nanoTime();
        given().contentType(ContentType.JSON)
                .header("x-sim-latency-ms", "250")
                .body(PROMPT.formatted("sim-fail-503", ""))
                .post("/v1/chat/completions")
                .then()
                .statusCode(503);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(250);
    }

    @Test
    void invalidLatencyHeaderIsRejected() {
        given().contentType(ContentType.JSON)
                .header("x-sim-latency-ms", "soon")
                .body(PROMPT.formatted("gpt-4o", ""))
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.param", equalTo("x-sim-latency-ms"));
    }

    @Test
    void slowScenarioTakesTwoSeconds() {
        long start = System.nanoTime();
        given().contentType(ContentType.JSON)
                .body(PROMPT.formatted("sim-slow", ""))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .body("choices[0].message.content", equalTo("echo: one two three four"));
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void chunkDelayFlushesEachEventOnItsOwn() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "v1/chat/completions"))
                .header("content-type", "application/json")
                .header("x-sim-chunk-delay-ms", "100")
                .POST(HttpRequest.BodyPublishers.ofString(PROMPT.formatted("gpt-4o", STREAM)))
                .build();
        long start = System.nanoTime();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Long> arrivals = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        response.body().filter(line -> line.startsWith("data: ")).forEach(line -> {
            arrivals.add(millisSince(start));
            lines.add(line);
        });
        // role, 5 content pieces ("echo: ", "one ", ...), finish, [DONE]: 8 events, 7 pauses
        assertThat(lines).hasSize(8).last().isEqualTo("data: [DONE]");
        assertThat(arrivals.get(arrivals.size() - 1)).isGreaterThanOrEqualTo(700);
        assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(0))
                .as("the first event arrives long before the last").isGreaterThanOrEqualTo(500);
    }

    @Test
    void hangNeverAnswersAndDoesNotBlockOtherRequests() throws Exception {
        awaitStats("in_flight", 0);
        List<RawHttp> hanging = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                hanging.add(RawHttp.post(base, "/v1/chat/completions", PROMPT.formatted("sim-hang", ""), Map.of()));
            }
            long start = System.nanoTime();
            given().contentType(ContentType.JSON)
                    .body(PROMPT.formatted("gpt-4o", ""))
                    .post("/v1/chat/completions")
                    .then()
                    .statusCode(200);
            assertThat(millisSince(start)).isLessThan(2000);

            RawHttp.Received received = hanging.get(0).read(500);
            assertThat(received.closedByServer()).isFalse();
            assertThat(received.text()).isEmpty();
            given().get("/_sim/stats").then().body("in_flight", equalTo(8)).body("by_scenario.sim-hang", equalTo(8));
        } finally {
            for (RawHttp h : hanging) {
                h.close();
            }
        }
        awaitStats("cancelled_total", 8);
        given().get("/_sim/stats").then().body("in_flight", equalTo(0));
    }

    @Test
    void streamCutSendsTwoEventsThenClosesTheConnection() throws Exception {
        try (RawHttp raw = RawHttp.post(base, "/v1/chat/completions", PROMPT.formatted("sim-stream-cut", STREAM),
                Map.of())) {
            RawHttp.Received received = raw.read(3000);
            assertThat(received.closedByServer()).as("server closed the connection").isTrue();
            assertThat(received.text()).startsWith("HTTP/1.1 200").contains("text/event-stream");
            assertThat(received.text().split("data: ", -1)).hasSize(3);
            assertThat(received.text()).doesNotContain("[DONE]").doesNotContain("finish_reason\":\"stop");
            assertThat(received.text()).as("no terminating chunk").doesNotEndWith("0\r\n\r\n");
        }
        given().get("/_sim/stats").then().body("cancelled_total", equalTo(0));
    }

    @Test
    void streamCutWithoutStreamTruncatesTheBody() throws Exception {
        try (RawHttp raw = RawHttp.post(base, "/v1/chat/completions", PROMPT.formatted("sim-stream-cut", ""),
                Map.of())) {
            RawHttp.Received received = raw.read(3000);
            assertThat(received.closedByServer()).isTrue();
            assertThat(received.text()).startsWith("HTTP/1.1 200").contains("{\"id\":\"chatcmpl-sim-")
                    .doesNotContain("total_tokens");
        }
    }

    @Test
    void streamHangSendsTwoEventsThenStalls() throws Exception {
        try (RawHttp raw = RawHttp.post(base, "/v1/chat/completions", PROMPT.formatted("sim-stream-hang", STREAM),
                Map.of())) {
            RawHttp.Received received = raw.read(700);
            assertThat(received.closedByServer()).isFalse();
            assertThat(received.text()).startsWith("HTTP/1.1 200");
            List<String> events = Sse.data(received.text().substring(received.text().indexOf("data: ")).replaceAll(
                    "\r\n[0-9a-f]+\r\n", ""));
            assertThat(events).hasSize(2);
        }
        awaitStats("cancelled_total", 1);
    }

    @Test
    void streamHangWithoutStreamSendsOnlyHeaders() throws Exception {
        try (RawHttp raw = RawHttp.post(base, "/v1/chat/completions", PROMPT.formatted("sim-stream-hang", ""),
                Map.of())) {
            RawHttp.Received received = raw.read(700);
            assertThat(received.closedByServer()).isFalse();
            assertThat(received.text()).startsWith("HTTP/1.1 200").doesNotContain("chatcmpl");
        }
        awaitStats("cancelled_total", 1);
    }

    private static void awaitStats(String field, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int value = -1;
        while (System.nanoTime() < deadline) {
            value = given().get("/_sim/stats").then().extract().path(field);
            if (value == expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(field + " stayed at " + value + ", expected " + expected);
    }
}
