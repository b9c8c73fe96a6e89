package dev.switchboard.model.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class UsageEventsTest {

    @Test
    void roundTripsThroughJsonWithSnakeCaseFields() {
        UsageEvent event = UsageEvent.builder("req_abc").ts(Instant.parse("2026-11-22T10:00:00Z")).callerId("c1")
                .resolvedGroup("default").status(200).inputTokens(10).outputTokens(5).totalTokens(15)
                .totalCostUsd(new BigDecimal("0.0000450000"))
                .attempt(new AttemptRecord(0, Instant.parse("2026-11-22T10:00:00Z"), "sim", "echo", "sim-echo",
                        "openai-chat", "127.0.0.1", 12, 200, null, null, false, false, false, true, null, null, null))
                .build();

        byte[] json = UsageEvents.toJson(event);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"request_id\":\"req_abc\"", "\"schema_version\":1", "\"attempt_index\":0",
                "\"ts\":\"2026-11-22T10:00:00Z\"");
        assertThat(UsageEvents.fromJson(json)).isEqualTo(event);
    }

    @Test
    void malformedPayloadsAreRefusedWithSafeReasons() {
        assertThatThrownBy(() -> UsageEvents.fromJson("not json".getBytes()))
                .isInstanceOf(UsageEvents.MalformedUsageEventException.class)
                .hasMessageNotContaining("not json");
        assertThatThrownBy(() -> UsageEvents.fromJson("{\"schema_version\":99}".getBytes()))
                .hasMessageContaining("unsupported schema_version 99").hasMessageContaining("request_id missing");
        assertThatThrownBy(() -> UsageEvents.fromJson(new byte[0])).hasMessage("empty payload");
        assertThatThrownBy(() -> UsageEvents.fromJson(
                "{\"schema_version\":1,\"request_id\":\"r\",\"status\":200,\"ts\":\"+294277-01-01T00:00:00Z\"}"
                        .getBytes()))
                .hasMessage("ts outside years 1-9999");
        assertThatThrownBy(() -> UsageEvents.fromJson(("{\"schema_version\":1,\"request_id\":\"r\",\"status\":200,"
                + "\"ts\":\"2026-12-04T00:00:00Z\",\"attempts\":[{\"ts\":\"-0001-12-31T00:00:00Z\"}]}").getBytes()))
                .hasMessage("ts outside years 1-9999");
        assertThat(UsageEvents.fromJson(("{\"schema_version\":1,\"request_id\":\"r\",\"status\":200,"
                + "\"ts\":\"9999-12-31T23:59:59.999999999Z\"}").getBytes()).ts()).isNotNull();
    }
}
