package dev.switchboard.usage.store;

import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.BOOL;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.INT4;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.INT8;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.TEXT;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.TIMESTAMPTZ;
import static dev.switchboard.usage.store.RequestRepository.col;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.switchboard.model.usage.AttemptRecord;
import dev.switchboard.model.usage.UsageEvent;

@ApplicationScoped
public class AttemptRepository implements PanacheRepositoryBase<AttemptRow, AttemptRow.Key> {

    static final MultiRowInsert INSERT = new MultiRowInsert("request_attempts",
            List.of(col("request_id", TEXT),
                    col("attempt_index", INT4),
                    col("ts", TIMESTAMPTZ),
                    col("provider", TEXT),
                    col("model_ref", TEXT),
                    col("model", TEXT),
                    col("dialect", TEXT),
                    col("endpoint_host", TEXT),
                    col("duration_ms", INT8),
                    col("status_code", INT4),
                    col("error_class", TEXT),
                    col("error_message", TEXT),
                    col("retryable", BOOL),
                    col("timed_out", BOOL),
                    col("client_canceled", BOOL),
                    col("selected", BOOL),
                    col("fallback_reason", TEXT),
                    col("attempt_timeout_ms", INT8),
                    col("retry_after_ms", INT8)),
            "request_id, attempt_index");

    public MultiRowInsert.Batch batch(List<UsageEvent> events) {
        return INSERT.batch(rows(events));
    }

    static List<Object[]> rows(List<UsageEvent> events) {
        List<Object[]> rows = new ArrayList<>();
        for (UsageEvent e : events) {
            for (AttemptRecord a : e.attempts()) {
                rows.add(new Object[]{e.requestId(), a.attemptIndex(), a.ts(), a.provider(), a.modelRef(),
                        a.model(), a.dialect(), a.endpointHost(), a.durationMs(), a.statusCode(), a.errorClass(),
                        a.errorMessage(), a.retryable(), a.timedOut(), a.clientCanceled(), a.selected(),
                        a.fallbackReason(), a.attemptTimeoutMs(), a.retryAfterMs()});
            }
        }
        return rows;
    }

    public Uni<List<AttemptRow>> forRequest(String requestId) {
        return list("requestId = ?1 order by attemptIndex", requestId);
    }
}
