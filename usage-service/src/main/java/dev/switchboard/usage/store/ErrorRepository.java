package dev.switchboard.usage.store;

import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.BOOL;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.INT4;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.TEXT;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.TIMESTAMPTZ;
import static dev.switchboard.usage.store.RequestRepository.col;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

import dev.switchboard.model.usage.ErrorRecord;
import dev.switchboard.model.usage.UsageEvent;

@ApplicationScoped
public class ErrorRepository implements PanacheRepositoryBase<ErrorRow, String> {

    static final MultiRowInsert INSERT = new MultiRowInsert("request_errors",
            List.of(col("request_id", TEXT),
                    col("ts", TIMESTAMPTZ),
                    col("status", INT4),
                    col("error_type", TEXT),
                    col("error_class", TEXT),
                    col("error_message", TEXT),
                    col("retryable", BOOL),
                    col("attempts", INT4),
                    col("provider", TEXT),
                    col("model", TEXT),
                    col("dialect", TEXT)),
            "request_id");

    /**
     * One row per failed request. Edge rejections (401/403/429 from the gateway) may carry no {@link ErrorRecord}; they
     * still get a row from the event's own status and error type, so that error reports need only this table.
     */
    public MultiRowInsert.Batch batch(List<UsageEvent> events) {
        return INSERT.batch(rows(events));
    }

    static List<Object[]> rows(List<UsageEvent> events) {
        List<Object[]> rows = new ArrayList<>();
        for (UsageEvent e : events) {
            ErrorRecord error = e.error();
            if (error != null) {
                rows.add(new Object[]{e.requestId(), e.ts(), error.status(), error.errorType(),
                        error.errorClass(), error.errorMessage(), error.retryable(), e.attemptCount(),
                        e.targetProvider(), e.targetModel(), e.targetDialect()});
            } else if (e.status() >= 400) {
                rows.add(new Object[]{e.requestId(), e.ts(), e.status(), e.errorType(), e.errorClass(), null,
                        false, e.attemptCount(), e.targetProvider(), e.targetModel(), e.targetDialect()});
            }
        }
        return rows;
    }
}
