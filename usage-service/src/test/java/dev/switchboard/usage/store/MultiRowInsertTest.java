package dev.switchboard.usage.store;

import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.INT8;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.NUMERIC;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.TEXT;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.TIMESTAMPTZ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.vertx.sqlclient.data.Numeric;

import dev.switchboard.model.usage.AttemptRecord;
import dev.switchboard.model.usage.ErrorRecord;
import dev.switchboard.model.usage.ShapeEventRecord;
import dev.switchboard.model.usage.UsageEvent;

class MultiRowInsertTest {

    private final MultiRowInsert insert = new MultiRowInsert("t",
            List.of(new MultiRowInsert.Column("id", TEXT), new MultiRowInsert.Column("ts", TIMESTAMPTZ),
                    new MultiRowInsert.Column("n", INT8), new MultiRowInsert.Column("cost", NUMERIC)),
            "id");

    @Test
    void oneTypedArrayParameterPerColumn() {
        assertThat(insert.sql()).isEqualTo("INSERT INTO t (id, ts, n, cost) SELECT * FROM unnest($1::text[], "
                + "$2::timestamptz[], $3::int8[], $4::numeric[]) ON CONFLICT (id) DO NOTHING");
    }

    @Test
    void rowsBecomeColumnArraysOfTheTypesTheClientEncodes() {
        Instant ts = Instant.parse("2026-05-04T10:15:30.123Z");
        Object[] arrays = insert.columnArrays(List.of(new Object[]{"a", ts, 5L, new BigDecimal("0.0000450000")},
                new Object[]{"b", null, null, null}));

        assertThat(arrays[0]).isInstanceOf(String[].class).isEqualTo(new String[]{"a", "b"});
        assertThat(arrays[1]).isInstanceOf(OffsetDateTime[].class)
                .isEqualTo(new OffsetDateTime[]{ts.atOffset(ZoneOffset.UTC), null});
        assertThat(arrays[2]).isInstanceOf(Long[].class).isEqualTo(new Long[]{5L, null});
        assertThat(arrays[3]).isInstanceOf(Numeric[].class);
        Numeric cost = ((Numeric[]) arrays[3])[0];
        assertThat(cost.bigDecimalValue()).isEqualTo(new BigDecimal("0.0000450000"));
        assertThat(Arrays.asList((Numeric[]) arrays[3])).element(1).isNull();
    }

    /**
     * Each repository's rows against its own columns, for an event with every field set: a field whose Java type does
     * not fit its column's array would otherwise only fail at run time, batch after batch.
     */
    @Test
    void everyRepositoryRowFitsItsColumns() {
        Instant ts = Instant.parse("2026-12-04T13:34:18.240031586Z");
        UsageEvent full = new UsageEvent(UsageEvent.SCHEMA_VERSION, "req_01a2417116276a32df9639e1ce5406d2", ts,
                "routing", "caller-1", "alice", "payments", "prod", "sbt_abc", "codex/1.0", "openai-chat", "default",
                "default", "failover", "simulator", "echo", "sim-echo", "openai-chat", true, 503,
                "upstream-rate-limited", "rate_limited", 2, true, 120L, 80L, 95L, 100L, 50L, 150L, 7L, "upstream",
                new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.0000001500"),
                new BigDecimal("0.00003"), new BigDecimal("0.0000301500"), new BigDecimal("0.00004"), "policy", "7",
                "0.1.0", "clamped",
                List.of(new AttemptRecord(0, ts, "openai", "openai-mini", "gpt-4o-mini", "openai-chat",
                        "api.openai.example", 40, 429, "rate_limited", "upstream said 429", true, false, false, true,
                        "none", 30_000L, 2_000L)),
                List.of(new ShapeEventRecord(0, ts, "target", "openai", "openai-mini", "gpt-4o-mini", "openai-chat",
                        "openai/openai-mini", "cooldown_started", 1_500L, "rate_limited")),
                new ErrorRecord(503, "upstream-rate-limited", "rate_limited", "every target is rate limited", true));
        assertEveryComponentSet(full);
        assertEveryComponentSet(full.attempts().get(0));
        assertEveryComponentSet(full.shapeEvents().get(0));
        assertEveryComponentSet(full.error());
        UsageEvent refusedAtTheEdge = UsageEvent.builder("req_y").ts(ts).status(429).errorType("rate-limited").build();
        List<UsageEvent> events = List.of(full, refusedAtTheEdge);

        assertFits(RequestRepository.INSERT, RequestRepository::rows, events, 2);
        assertFits(AttemptRepository.INSERT, AttemptRepository::rows, events, 1);
        assertFits(ShapeEventRepository.INSERT, ShapeEventRepository::rows, events, 1);
        assertFits(ErrorRepository.INSERT, ErrorRepository::rows, events, 2);
    }

    private static void assertFits(MultiRowInsert insert, Function<List<UsageEvent>, List<Object[]>> rows,
            List<UsageEvent> events, int expectedRows) {
        Object[] arrays = insert.columnArrays(rows.apply(events));
        assertThat(arrays).allSatisfy(column -> assertThat((Object[]) column).hasSize(expectedRows));
    }

    private static void assertEveryComponentSet(Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                assertThat(component.getAccessor().invoke(record)).as(component.getName()).isNotNull();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aRowOfTheWrongWidthOrTypeIsAProgrammingError() {
        assertThatThrownBy(() -> insert.columnArrays(List.<Object[]>of(new Object[]{"a", null, 1L})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 4 values per row, got 3");
        assertThatThrownBy(() -> insert.columnArrays(List.<Object[]>of(new Object[]{"a", null, 1, null})))
                .isInstanceOf(ClassCastException.class);
    }
}
