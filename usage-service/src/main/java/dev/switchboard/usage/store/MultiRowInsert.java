package dev.switchboard.usage.store;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

/**
 * {@code INSERT … SELECT * FROM unnest($1::text[], $2::timestamptz[], …) ON CONFLICT DO NOTHING}: many rows in one
 * statement whose text never changes, one typed array parameter per column, so PostgreSQL parses and plans it once per
 * connection whatever the batch size.
 *
 * <p>
 * Why "do nothing" rather than an upsert: a usage event is an immutable fact published once per request, so a second
 * delivery of the same request ID carries the same data. Keeping the first row makes redelivery free (no row rewrite,
 * no dead tuple, no index churn) and can never fail, which an insert-or-check-first could under a concurrent
 * redelivery after a consumer-group rebalance.
 *
 * <p>
 * Why the reactive SQL client and not a Hibernate native query: Hibernate resolves the bind type of an array
 * parameter on every call by trying to register it, which fails after boot and is retried each time (an exception
 * with a stack trace per column per batch, measured at 6 % of this service's CPU). Values here travel in PostgreSQL's
 * binary array format (numerics excepted), so neither side formats or parses an integer, a boolean or a timestamp as
 * text.
 */
final class MultiRowInsert {

    /**
     * The PostgreSQL types used by the usage tables, with the Java element type the client encodes for each. The client
     * sends every array in binary except {@code numeric[]}, which it sends as text ({@link BigDecimal#toString()}, an
     * exponent form such as {@code 1.5E-7} included, which PostgreSQL reads exactly).
     */
    enum ColumnType {
        TEXT("text", String.class), INT4("int4", Integer.class), INT8("int8", Long.class), BOOL("bool",
                Boolean.class), TIMESTAMPTZ("timestamptz", OffsetDateTime.class), NUMERIC("numeric", Numeric.class);

        private final String sqlName;
        private final Class<?> elementType;

        ColumnType(String sqlName, Class<?> elementType) {
            this.sqlName = sqlName;
            this.elementType = elementType;
        }

        Object[] newArray(int length) {
            return (Object[]) Array.newInstance(elementType, length);
        }

        /** @throws ClassCastException when a row holds a value of the wrong type for its column (a programming error) */
        Object element(Object value) {
            if (value == null) {
                return null;
            }
            return switch (this) {
                // PostgreSQL keeps microseconds; truncate here rather than leave it to the driver's encoder
                case TIMESTAMPTZ -> ((Instant) value).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
                case NUMERIC -> Numeric.create((BigDecimal) value);
                default -> elementType.cast(value);
            };
        }
    }

    record Column(String name, ColumnType type) {
    }

    private final List<Column> columns;
    private final String sql;

    MultiRowInsert(String table, List<Column> columns, String conflictTarget) {
        this.columns = List.copyOf(columns);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
        sql.append(String.join(", ", columns.stream().map(Column::name).toList())).append(") SELECT * FROM unnest(");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append('$').append(i + 1).append("::").append(columns.get(i).type().sqlName).append("[]");
        }
        sql.append(") ON CONFLICT (").append(conflictTarget).append(") DO NOTHING");
        this.sql = sql.toString();
    }

    String sql() {
        return sql;
    }

    /**
     * Turns rows into the statement's parameters. Done before the transaction opens, so that a row that does not fit
     * its columns (a defect, see {@link ColumnType#element}) fails the batch with no transaction to clean up.
     *
     * @param rows one value per column each, in column order; an {@link Instant} for a timestamptz column
     */
    Batch batch(List<Object[]> rows) {
        return new Batch(sql, rows.isEmpty() ? null : Tuple.wrap(columnArrays(rows)));
    }

    /** One statement's rows, ready to run. */
    record Batch(String sql, Tuple parameters) {

        /** @return the number of rows actually inserted (duplicates excluded) */
        Uni<Integer> execute(SqlConnection connection) {
            if (parameters == null) {
                return Uni.createFrom().item(0);
            }
            return connection.preparedQuery(sql).execute(parameters).map(SqlResult::rowCount);
        }
    }

    Object[] columnArrays(List<Object[]> rows) {
        Object[] arrays = new Object[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            arrays[c] = columns.get(c).type().newArray(rows.size());
        }
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("expected " + columns.size() + " values per row, got " + row.length);
            }
            for (int c = 0; c < row.length; c++) {
                ((Object[]) arrays[c])[r] = columns.get(c).type().element(row[c]);
            }
        }
        return arrays;
    }
}
