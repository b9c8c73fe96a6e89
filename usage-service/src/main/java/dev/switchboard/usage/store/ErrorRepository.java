package dev.switchboard.usage.store;

import static dev.switchboard.usage.store.RequestRepository.col;
import static dev.switchboard.usage.store.RequestRepository.utc;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.switchboard.model.usage.ErrorRecord;
import dev.switchboard.model.usage.UsageEvent;

@ApplicationScoped
public class ErrorRepository implements PanacheRepositoryBase<ErrorRow, String> {

    private static final MultiRowInsert INSERT = new MultiRowInsert("request_errors",
            List.of(col("request_id", "text"),
                    col("ts", "timestamptz"),
                    col("status", "int4"),
                    col("error_type", "text"),
                    col("error_class", "text"),
                    col("error_message", "text"),
                    col("retryable", "bool"),
                    col("attempts", "int4"),
                    col("provider", "text"),
                    col("model", "text"),
                    col("dialect", "text")),
            "request_id");

    /**
     * One row per failed request. Edge rejections (401/403/429 from the gateway) may carry no {@link ErrorRecord}; they
     * still get a row from the event's own status and error type, so that error reports need only this table.
     */
    public Uni<Integer> insertIgnoringDuplicates(List<UsageEvent> events) {
        List<Object[]> rows = new ArrayList<>();
        for (UsageEvent e : events) {
            ErrorRecord error = e.error();
            if (error != null) {
                rows.add(new Object[]{e.requestId(), utc(e.ts()), error.status(), error.errorType(),
                        error.errorClass(), error.errorMessage(), error.retryable(), e.attemptCount(),
                        e.targetProvider(), e.targetModel(), e.targetDialect()});
            } else if (e.status() >= 400) {
                rows.add(new Object[]{e.requestId(), utc(e.ts()), e.status(), e.errorType(), e.errorClass(), null,
                        false, e.attemptCount(), e.targetProvider(), e.targetModel(), e.targetDialect()});
            }
        }
        return getSession().chain(session -> INSERT.execute(session, rows));
    }
}
