package dev.switchboard.usage.store;

import java.math.BigDecimal;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * {@code INSERT … SELECT * FROM unnest(…) ON CONFLICT DO NOTHING}: many rows in one statement whose text never changes,
 * one array parameter per column, so neither Hibernate nor PostgreSQL parse and plan anything per batch size.
 *
 * <p>
 * Why "do nothing" rather than an upsert: a usage event is an immutable fact published once per request, so a second
 * delivery of the same request ID carries the same data. Keeping the first row makes redelivery free (no row rewrite,
 * no dead tuple, no index churn) and can never fail, which an insert-or-check-first could under a concurrent
 * redelivery after a consumer-group rebalance.
 *
 * <p>
 * Values travel as text arrays and are cast by PostgreSQL to each column's type: the driver then needs no per-type
 * array mapping, and the casts are exact for every type used here (ISO-8601 instants, plain decimals).
 */
final class MultiRowInsert {

    /** A column and the PostgreSQL type its text value is cast to. */
    record Column(String name, String type) {
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
            sql.append("CAST(?").append(i + 1).append(" AS text[])::").append(columns.get(i).type()).append("[]");
        }
        sql.append(") ON CONFLICT (").append(conflictTarget).append(") DO NOTHING");
        this.sql = sql.toString();
    }

    /** @return the number of rows actually inserted (duplicates excluded) */
    Uni<Integer> execute(Mutiny.Session session, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Mutiny.Query<Object> query = session.createNativeQuery(sql);
        for (int c = 0; c < columns.size(); c++) {
            String[] values = new String[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                if (row.length != columns.size()) {
                    throw new IllegalArgumentException("expected " + columns.size() + " values per row");
                }
                values[r] = text(row[c]);
            }
            query.setParameter(c + 1, values);
        }
        return query.executeUpdate();
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }
}
