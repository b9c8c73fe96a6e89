package dev.switchboard.usage.ingest;

import static dev.switchboard.usage.support.Rows.count;
import static dev.switchboard.usage.support.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.switchboard.model.usage.AttemptRecord;
import dev.switchboard.model.usage.ErrorRecord;
import dev.switchboard.model.usage.ShapeEventRecord;
import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.model.usage.UsageEvents;
import dev.switchboard.usage.support.Events;
import dev.switchboard.usage.support.KafkaTestResource;
import dev.switchboard.usage.support.UsageKafka;

/** Events travel through a real broker into the real database; bad ones end up in the real dead-letter topic. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class UsageIngestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource db;

    @Test
    void eventIsStoredWithItsAttemptsShapeEventsAndError() {
        Instant ts = Instant.parse("2026-05-04T10:15:30.123456789Z");
        UsageEvent event = Events.served("caller-store", ts)
                .upstreamReportedCostUsd(new BigDecimal("0.0000001500"))
                .status(503)
                .errorType("upstream-rate-limited")
                .errorClass("rate_limited")
                .attemptCount(2)
                .fallbackUsed(true)
                .attempt(new AttemptRecord(0, ts, "openai", "openai-mini", "gpt-4o-mini", "openai-chat",
                        "api.openai.example", 40, 429, "rate_limited", "upstream said 429", true, false, false,
                        false, null, 30_000L, 2_000L))
                .attempt(new AttemptRecord(1, ts.plusMillis(50), "azure", "azure-mini", "gpt-4o-mini", "openai-chat",
                        "azure.example", 60, 429, "rate_limited", "upstream said 429", true, false, false, true,
                        "rate_limited", 30_000L, null))
                .shapeEvent(new ShapeEventRecord(0, ts, "target", "openai", "openai-mini", "gpt-4o-mini",
                        "openai-chat", "openai/openai-mini", "admitted", null, null))
                .error(new ErrorRecord(503, "upstream-rate-limited", "rate_limited", "every target is rate limited",
                        true))
                .build();

        UsageKafka.publish(event);

        await().atMost(WAIT).until(() -> count(db, "select count(*) from requests where request_id = ?",
                event.requestId()) == 1);
        Map<String, Object> row = query(db, "select * from requests where request_id = ?", event.requestId()).get(0);
        assertThat(row).containsEntry("caller_id", "caller-store")
                .containsEntry("caller_user", "alice")
                .containsEntry("caller_project", "payments")
                .containsEntry("caller_environment", "prod")
                .containsEntry("token_id", "sbt_abc123")
                .containsEntry("resolved_group", "chat")
                .containsEntry("target_model_ref", "openai-mini")
                .containsEntry("status", 503)
                .containsEntry("error_type", "upstream-rate-limited")
                .containsEntry("attempt_count", 2)
                .containsEntry("fallback_used", true)
                .containsEntry("latency_ms", 120L)
                .containsEntry("ttfb_ms", 80L)
                .containsEntry("input_tokens", 100L)
                .containsEntry("total_tokens", 150L)
                .containsEntry("token_source", "upstream")
                .containsEntry("policy_version", "7")
                .containsEntry("output_cap_action", "clamped")
                .containsEntry("upstream_reported_cost_usd", new BigDecimal("0.0000001500"));
        assertThat((BigDecimal) row.get("total_cost_usd")).isEqualByComparingTo("0.000045");
        assertThat(((BigDecimal) row.get("input_price_per_million_usd")).scale()).isEqualTo(10);
        // PostgreSQL keeps microseconds: the rest is truncated, never rounded up past the event's own time
        assertThat(((Timestamp) row.get("ts")).toInstant()).isEqualTo(Instant.parse("2026-05-04T10:15:30.123456Z"));

        List<Map<String, Object>> attempts = query(db,
                "select * from request_attempts where request_id = ? order by attempt_index", event.requestId());
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0)).containsEntry("provider", "openai")
                .containsEntry("status_code", 429)
                .containsEntry("selected", false)
                .containsEntry("retry_after_ms", 2_000L);
        assertThat(attempts.get(1)).containsEntry("provider", "azure")
                .containsEntry("selected", true)
                .containsEntry("fallback_reason", "rate_limited")
                .containsEntry("retry_after_ms", null);

        List<Map<String, Object>> shapes = query(db,
                "select * from request_upstream_shape_events where request_id = ?", event.requestId());
        assertThat(shapes).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("decision", "admitted").containsEntry("scope", "target"));

        List<Map<String, Object>> errors = query(db, "select * from request_errors where request_id = ?",
                event.requestId());
        assertThat(errors).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("status", 503)
                        .containsEntry("error_type", "upstream-rate-limited")
                        .containsEntry("error_message", "every target is rate limited")
                        .containsEntry("retryable", true)
                        .containsEntry("attempts", 2)
                        .containsEntry("provider", "openai"));
    }

    @Test
    void requestDetailShowsTheStoredEvidenceToItsCallerOnly() {
        Instant ts = Instant.parse("2026-05-05T08:00:00Z");
        UsageEvent event = Events.served("caller-detail", ts)
                .status(504)
                .attempt(new AttemptRecord(0, ts, "openai", "openai-mini", "gpt-4o-mini", "openai-chat",
                        "api.openai.example", 30_000, null, "timeout", "attempt timed out", true, true, false, true,
                        null, 30_000L, null))
                .error(new ErrorRecord(504, "upstream-timeout", "timeout", "the upstream did not answer in time", true))
                .build();
        UsageKafka.publish(event);
        await().atMost(WAIT).until(() -> count(db, "select count(*) from requests where request_id = ?",
                event.requestId()) == 1);
        String token = ConfigProvider.getConfig().getValue("switchboard.internal.token", String.class);
        String path = "/internal/v1/usage/requests/" + event.requestId();

        RestAssured.given()
                .header("x-sb-internal-token", token)
                .queryParam("caller_id", "caller-detail")
                .get(path)
                .then()
                .statusCode(200)
                .body("request.request_id", equalTo(event.requestId()))
                .body("request.caller_id", equalTo("caller-detail"))
                .body("request.status", equalTo(504))
                .body("request.total_cost_usd", equalTo(0.000045f))
                .body("attempts", hasSize(1))
                .body("attempts[0].timed_out", equalTo(true))
                .body("shape_events", hasSize(0))
                .body("error.error_type", equalTo("upstream-timeout"));
        RestAssured.given()
                .header("x-sb-internal-token", token)
                .queryParam("caller_id", "someone-else")
                .get(path)
                .then()
                .statusCode(404)
                .body("error.type", equalTo("not-found"));
        RestAssured.given().get(path).then().statusCode(401);
    }

    @Test
    void edgeRejectionWithoutErrorRecordStillGetsAnErrorRow() {
        UsageEvent event = UsageEvent.builder(Events.uniqueId("req"))
                .ts(Instant.now())
                .source("gateway")
                .status(401)
                .errorType("unauthorized")
                .build();

        UsageKafka.publish(event);

        await().atMost(WAIT).until(() -> count(db, "select count(*) from request_errors where request_id = ?",
                event.requestId()) == 1);
        assertThat(query(db, "select status, error_type, attempts from request_errors where request_id = ?",
                event.requestId())).containsExactly(Map.of("status", 401, "error_type", "unauthorized", "attempts", 0));
        assertThat(count(db, "select count(*) from request_attempts where request_id = ?", event.requestId()))
                .isZero();
    }

    @Test
    void redeliveredEventIsStoredOnce() {
        UsageEvent event = Events.served("caller-dup", Instant.now())
                .attempt(new AttemptRecord(0, Instant.now(), "openai", "openai-mini", "gpt-4o-mini", "openai-chat",
                        "api.openai.example", 90, 200, null, null, false, false, false, true, null, null, null))
                .build();
        UsageEvent later = Events.served("caller-dup", Instant.now()).build();
        byte[] payload = UsageEvents.toJson(event);

        // Twice in one poll, then once more after it was stored: none of them may fail or add a row.
        UsageKafka.send(List.of(new ProducerRecord<>(UsageEvent.TOPIC, event.requestId(), payload),
                new ProducerRecord<>(UsageEvent.TOPIC, event.requestId(), payload)));
        await().atMost(WAIT).until(() -> count(db, "select count(*) from requests where request_id = ?",
                event.requestId()) == 1);
        UsageKafka.publishRaw(event.requestId(), payload);
        UsageKafka.publish(later);
        await().atMost(WAIT).until(() -> count(db, "select count(*) from requests where request_id = ?",
                later.requestId()) == 1);

        assertThat(count(db, "select count(*) from requests where request_id = ?", event.requestId())).isEqualTo(1);
        assertThat(count(db, "select count(*) from request_attempts where request_id = ?", event.requestId()))
                .isEqualTo(1);
        assertThat(UsageKafka.awaitDeadLetter(r -> event.requestId().equals(r.key()), Duration.ofSeconds(2)))
                .as("a duplicate is not an error")
                .isEmpty();
    }

    @Test
    void malformedPayloadsAreDeadLetteredUnchangedAndConsumptionGoesOn() {
        String notJsonKey = Events.uniqueId("bad");
        byte[] notJson = "this is not json, and it mentions sk-live-SECRET123".getBytes(StandardCharsets.UTF_8);
        String wrongVersionKey = Events.uniqueId("bad");
        UsageEvent template = Events.served("caller-dlq", Instant.now()).build();
        byte[] wrongVersion = new String(UsageEvents.toJson(template), StandardCharsets.UTF_8)
                .replace("\"schema_version\":1", "\"schema_version\":2")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(new String(wrongVersion, StandardCharsets.UTF_8)).contains("\"schema_version\":2");
        UsageEvent valid = Events.served("caller-dlq", Instant.now()).build();

        UsageKafka.publishRaw(notJsonKey, notJson);
        UsageKafka.publishRaw(wrongVersionKey, wrongVersion);
        UsageKafka.publish(valid);

        await().atMost(WAIT).until(() -> count(db, "select count(*) from requests where request_id = ?",
                valid.requestId()) == 1);
        assertThat(count(db, "select count(*) from requests where request_id = ?", template.requestId())).isZero();

        ConsumerRecord<String, byte[]> first = UsageKafka.awaitDeadLetter(r -> notJsonKey.equals(r.key()), WAIT)
                .orElseThrow(() -> new AssertionError("non-JSON payload not dead-lettered"));
        assertThat(first.value()).isEqualTo(notJson);
        assertThat(UsageKafka.header(first, DeadLetters.REASON)).startsWith("not a usage event")
                .doesNotContain("SECRET")
                .doesNotContain("this is not json");
        assertThat(UsageKafka.header(first, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(UsageEvent.TOPIC);
        assertThat(Integer.parseInt(UsageKafka.header(first, DeadLetters.ORIGINAL_PARTITION))).isBetween(0, 2);
        assertThat(Long.parseLong(UsageKafka.header(first, DeadLetters.ORIGINAL_OFFSET))).isNotNegative();

        ConsumerRecord<String, byte[]> second = UsageKafka.awaitDeadLetter(r -> wrongVersionKey.equals(r.key()), WAIT)
                .orElseThrow(() -> new AssertionError("wrong schema_version not dead-lettered"));
        assertThat(second.value()).isEqualTo(wrongVersion);
        assertThat(UsageKafka.header(second, DeadLetters.REASON)).isEqualTo("unsupported schema_version 2");
    }

    @Test
    void aFloodOfGarbageIsDeadLetteredAndTheConsumerKeepsGoing() {
        double before = metricValue(RestAssured.get("/q/metrics").asString(),
                "switchboard_usage_events_dead_lettered_total{reason=\"malformed\"");
        List<ProducerRecord<String, byte[]>> garbage = new java.util.ArrayList<>();
        for (int i = 0; i < 700; i++) {
            garbage.add(new ProducerRecord<>(UsageEvent.TOPIC, "garbage-" + i,
                    ("<xml>" + i).getBytes(StandardCharsets.UTF_8)));
        }
        UsageEvent valid = Events.served("caller-flood", Instant.now()).build();

        UsageKafka.send(garbage);
        UsageKafka.publish(valid);

        await().atMost(WAIT).until(() -> count(db, "select count(*) from requests where request_id = ?",
                valid.requestId()) == 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(metricValue(RestAssured.get("/q/metrics").asString(),
                "switchboard_usage_events_dead_lettered_total{reason=\"malformed\""))
                .isGreaterThanOrEqualTo(before + 700));
    }

    @Test
    void eventTheDatabaseRefusesIsDeadLetteredWithoutHoldingBackItsBatch() {
        // Valid JSON, valid event, but PostgreSQL text cannot hold a NUL character.
        UsageEvent refused = Events.served("caller-refused", Instant.now()).client("bad\u0000client").build();
        UsageEvent before = Events.served("caller-refused", Instant.now()).build();
        UsageEvent after = Events.served("caller-refused", Instant.now()).build();

        UsageKafka.send(Arrays.asList(record(before), record(refused), record(after)));

        await().atMost(WAIT).until(() -> count(db, "select count(*) from requests where caller_id = ?",
                "caller-refused") == 2);
        ConsumerRecord<String, byte[]> dead = UsageKafka.awaitDeadLetter(r -> refused.requestId().equals(r.key()), WAIT)
                .orElseThrow(() -> new AssertionError("refused event not dead-lettered"));
        assertThat(UsageKafka.header(dead, DeadLetters.REASON)).startsWith("rejected by database: sqlstate 22");
        assertThat(dead.value()).isEqualTo(UsageEvents.toJson(refused));
        assertThat(count(db, "select count(*) from requests where request_id in (?, ?)", before.requestId(),
                after.requestId())).isEqualTo(2);
    }

    @Test
    void databaseOutageHoldsEventsBackInsteadOfDroppingThem() throws Exception {
        UsageEvent event = Events.served("caller-outage", Instant.now()).status(502).errorType("upstream-failed")
                .build();
        // Every write now fails with "relation does not exist": not the event's fault, so it must be retried.
        execute("ALTER TABLE request_errors RENAME TO request_errors_away");
        try {
            UsageKafka.publish(event);
            await().atMost(WAIT).untilAsserted(() -> assertThat(metricValue(
                    RestAssured.get("/q/metrics").asString(), "switchboard_usage_store_retries_total")).isPositive());
            assertThat(count(db, "select count(*) from requests where request_id = ?", event.requestId()))
                    .as("the failed transaction left nothing half-written")
                    .isZero();
        } finally {
            execute("ALTER TABLE request_errors_away RENAME TO request_errors");
        }
        await().atMost(WAIT).until(() -> count(db, "select count(*) from request_errors where request_id = ?",
                event.requestId()) == 1);
        assertThat(count(db, "select count(*) from requests where request_id = ?", event.requestId())).isEqualTo(1);
        assertThat(UsageKafka.awaitDeadLetter(r -> event.requestId().equals(r.key()), Duration.ofSeconds(2)))
                .as("an outage is not the event's fault")
                .isEmpty();
    }

    @Test
    void metricsCountConsumedPersistedAndDeadLetteredEvents() {
        UsageEvent event = Events.served("caller-metrics", Instant.now()).build();
        UsageKafka.publish(event);
        UsageKafka.publishRaw(Events.uniqueId("bad"), "{".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> count(db, "select count(*) from requests where request_id = ?",
                event.requestId()) == 1);

        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("switchboard_usage_events_consumed_total")
                    .contains("switchboard_usage_events_persisted_total")
                    .contains("switchboard_usage_events_dead_lettered_total{reason=\"malformed\"")
                    .contains("switchboard_usage_batch_size")
                    .contains("switchboard_usage_batch_duration_seconds")
                    .doesNotContain("caller-metrics")
                    .doesNotContain(event.requestId());
            assertThat(metricValue(metrics, "switchboard_usage_events_dead_lettered_total{reason=\"malformed\""))
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void readinessCoversDatabaseAndKafka() {
        await().atMost(WAIT).untilAsserted(() -> {
            String body = RestAssured.get("/q/health/ready").then().statusCode(200).extract().asString();
            assertThat(body).contains("\"status\": \"UP\"")
                    .contains("Reactive PostgreSQL connections health check")
                    .contains("Kafka connection health check")
                    .contains("\"switchboard-usage-v1\": \"[OK]\"");
        });
    }

    private void execute(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static double metricValue(String exposition, String prefix) {
        return exposition.lines()
                .filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static ProducerRecord<String, byte[]> record(UsageEvent e) {
        return new ProducerRecord<>(UsageEvent.TOPIC, e.requestId(), UsageEvents.toJson(e));
    }
}
