package dev.switchboard.usage.store;

import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.INT8;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.NUMERIC;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.TEXT;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.TIMESTAMPTZ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.sqlclient.data.Numeric;

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

    @Test
    void aRowOfTheWrongWidthOrTypeIsAProgrammingError() {
        assertThatThrownBy(() -> insert.columnArrays(List.<Object[]>of(new Object[]{"a", null, 1L})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 4 values per row, got 3");
        assertThatThrownBy(() -> insert.columnArrays(List.<Object[]>of(new Object[]{"a", null, 1, null})))
                .isInstanceOf(ClassCastException.class);
    }
}
