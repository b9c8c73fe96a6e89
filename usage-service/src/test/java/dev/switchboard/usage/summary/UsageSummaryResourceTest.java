package dev.switchboard.usage.summary;

import static dev.switchboard.usage.support.Rows.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.usage.support.Events;
import dev.switchboard.usage.support.KafkaTestResource;
import dev.switchboard.usage.support.UsageKafka;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class UsageSummaryResourceTest {

    private static final String PATH = "/internal/v1/usage/summary";

    @Inject
    AgroalDataSource db;

    private String caller;
    private String otherCaller;

    @BeforeEach
    void publishUsageOfTwoCallers() {
        caller = Events.uniqueId("caller");
        otherCaller = Events.uniqueId("caller");
        UsageEvent first = Events.served(caller, Instant.parse("2026-03-01T10:00:00Z"))
                .latencyMs(100)
                .inputTokens(100)
                .outputTokens(50)
                .totalTokens(150)
                .totalCostUsd(new BigDecimal("0.0001500000"))
                .build();
        UsageEvent second = Events.served(caller, Instant.parse("2026-03-01T23:59:59.999Z"))
                .latencyMs(200)
                .inputTokens(200)
                .outputTokens(100)
                .totalTokens(300)
                .totalCostUsd(new BigDecimal("0.0003000000"))
                .build();
        UsageEvent failed = Events.served(caller, Instant.parse("2026-03-02T08:00:00Z"))
                .resolvedGroup("code")
                .targetProvider("anthropic")
                .targetModel("claude-sonnet")
                .status(503)
                .latencyMs(300)
                .inputTokens(0)
                .outputTokens(0)
                .totalTokens(0)
                .totalCostUsd(null)
                .build();
        UsageEvent refused = UsageEvent.builder(Events.uniqueId("req"))
                .ts(Instant.parse("2026-03-02T09:00:00Z"))
                .source("gateway")
                .callerId(caller)
                .status(429)
                .errorType("rpm-exceeded")
                .latencyMs(400)
                .build();
        UsageEvent atWindowEnd = Events.served(caller, Instant.parse("2026-03-03T00:00:00Z")).build();
        UsageEvent otherCallers = Events.served(otherCaller, Instant.parse("2026-03-01T12:00:00Z"))
                .totalCostUsd(new BigDecimal("5"))
                .build();
        UsageKafka.publish(first, second, failed, refused, atWindowEnd, otherCallers);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(db, "select count(*) from requests where caller_id in (?, ?)", caller,
                        otherCaller) == 6);
    }

    @Test
    void aggregatesOneCallersWindow() {
        JsonPath json = internal().queryParam("caller_id", caller)
                .queryParam("from", "2026-03-01T00:00:00Z")
                .queryParam("to", "2026-03-03T00:00:00Z")
                .get(PATH)
                .then()
                .statusCode(200)
                .body("caller_id", equalTo(caller))
                .body("from", equalTo("2026-03-01T00:00:00Z"))
                .body("to", equalTo("2026-03-03T00:00:00Z"))
                .extract()
                .jsonPath();

        assertMetrics(json.getMap("totals"), 4, 2, 300, 150, 450, "0.00045", 250.0, 385.0);

        List<Map<String, Object>> days = json.getList("by_day");
        assertThat(days).extracting(d -> d.get("day")).containsExactly("2026-03-01", "2026-03-02");
        assertMetrics(days.get(0), 2, 0, 300, 150, 450, "0.00045", 150.0, 195.0);
        assertMetrics(days.get(1), 2, 2, 0, 0, 0, "0", 350.0, 395.0);

        List<Map<String, Object>> groups = json.getList("by_group");
        assertThat(groups).extracting(g -> g.get("group")).containsExactly("chat", "code", null);
        assertThat(groups).extracting(g -> g.get("requests")).containsExactly(2, 1, 1);

        List<Map<String, Object>> models = json.getList("by_provider_model");
        assertThat(models).extracting(m -> m.get("provider") + "/" + m.get("model"))
                .containsExactly("openai/gpt-4o-mini", "anthropic/claude-sonnet", "null/null");
        assertMetrics(models.get(0), 2, 0, 300, 150, 450, "0.00045", 150.0, 195.0);

        List<Map<String, Object>> statuses = json.getList("by_status");
        assertThat(statuses).extracting(s -> s.get("status")).containsExactly(200, 429, 503);
        assertThat(statuses).extracting(s -> s.get("errors")).containsExactly(0, 1, 1);
    }

    @Test
    void anotherCallerSeesNoneOfIt() {
        JsonPath json = internal().queryParam("caller_id", otherCaller)
                .queryParam("from", "2026-03-01T00:00:00Z")
                .queryParam("to", "2026-03-03T00:00:00Z")
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getInt("totals.requests")).isEqualTo(1);
        assertThat(json.getString("totals.cost_usd")).isEqualTo("5");
        assertThat(json.getList("by_group", Map.class)).hasSize(1);

        JsonPath nobody = internal().queryParam("caller_id", Events.uniqueId("nobody"))
                .queryParam("from", "2026-03-01T00:00:00Z")
                .queryParam("to", "2026-03-03T00:00:00Z")
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertMetrics(nobody.getMap("totals"), 0, 0, 0, 0, 0, "0", null, null);
        assertThat(nobody.getList("by_day")).isEmpty();
    }

    @Test
    void windowDefaultsToTheLastThirtyDays() {
        Instant before = Instant.now();
        JsonPath json = internal().queryParam("caller_id", caller)
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Instant to = Instant.parse(json.getString("to"));
        Instant from = Instant.parse(json.getString("from"));
        assertThat(to).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(30));
        assertThat(json.getInt("totals.requests")).as("the March 2026 rows are outside the default window")
                .isZero();
    }

    @Test
    void invalidFiltersAreRefused() {
        internal().queryParam("caller_id", caller)
                .queryParam("from", "yesterday")
                .get(PATH)
                .then()
                .statusCode(400)
                .body("error.type", equalTo("invalid-report-filter"))
                .body("error.details.field", equalTo("from"));
        internal().queryParam("caller_id", caller)
                .queryParam("from", "2026-03-02T00:00:00Z")
                .queryParam("to", "2026-03-01T00:00:00Z")
                .get(PATH)
                .then()
                .statusCode(400)
                .body("error.type", equalTo("invalid-report-filter"));
        internal().queryParam("caller_id", caller)
                .queryParam("from", "2020-01-01T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z")
                .get(PATH)
                .then()
                .statusCode(400)
                .body("error.type", equalTo("invalid-report-filter"));
        internal().header("x-request-id", "req_test_1")
                .get(PATH)
                .then()
                .statusCode(400)
                .header("x-request-id", "req_test_1")
                .body("error.type", equalTo("invalid-report-filter"))
                .body("error.details.field", equalTo("caller_id"))
                .body("error.request_id", equalTo("req_test_1"));
    }

    @Test
    void internalTokenIsRequired() {
        given().queryParam("caller_id", caller)
                .get(PATH)
                .then()
                .statusCode(401)
                .body("error.type", equalTo("unauthorized"));
        given().header("x-sb-internal-token", "not-the-token")
                .queryParam("caller_id", caller)
                .get(PATH)
                .then()
                .statusCode(401)
                .body("error.type", equalTo("unauthorized"));
    }

    private static RequestSpecification internal() {
        return given().header("x-sb-internal-token",
                ConfigProvider.getConfig().getValue("switchboard.internal.token", String.class));
    }

    private static void assertMetrics(Map<String, Object> m, int requests, int errors, int in, int out, int total,
            String cost, Double avg, Double p95) {
        assertThat(m).containsEntry("requests", requests)
                .containsEntry("errors", errors)
                .containsEntry("input_tokens", in)
                .containsEntry("output_tokens", out)
                .containsEntry("total_tokens", total)
                .containsEntry("cost_usd", cost);
        assertThat(m.get("avg_latency_ms") == null ? null : ((Number) m.get("avg_latency_ms")).doubleValue())
                .isEqualTo(avg);
        assertThat(m.get("p95_latency_ms") == null ? null : ((Number) m.get("p95_latency_ms")).doubleValue())
                .isEqualTo(p95);
    }
}
