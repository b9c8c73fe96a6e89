package dev.switchboard.usage.store;

import static dev.switchboard.usage.store.RequestRepository.col;
import static dev.switchboard.usage.store.RequestRepository.utc;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.switchboard.model.usage.AttemptRecord;
import dev.switchboard.model.usage.UsageEvent;

@ApplicationScoped
public class AttemptRepository implements PanacheRepositoryBase<AttemptRow, AttemptRow.Key> {

    private static final MultiRowInsert INSERT = new MultiRowInsert("request_attempts",
            List.of(col("request_id", "text"),
                    col("attempt_index", "int4"),
                    col("ts", "timestamptz"),
                    col("provider", "text"),
                    col("model_ref", "text"),
                    col("model", "text"),
                    col("dialect", "text"),
                    col("endpoint_host", "text"),
                    col("duration_ms", "int8"),
                    col("status_code", "int4"),
                    col("error_class", "text"),
                    col("error_message", "text"),
                    col("retryable", "bool"),
                    col("timed_out", "bool"),
                    col("client_canceled", "bool"),
                    col("selected", "bool"),
                    col("fallback_reason", "text"),
                    col("attempt_timeout_ms", "int8"),
                    col("retry_after_ms", "int8")),
            "request_id, attempt_index");

    public Uni<Integer> insertIgnoringDuplicates(List<UsageEvent> events) {
        List<Object[]> rows = new ArrayList<>();
        for (UsageEvent e : events) {
            for (AttemptRecord a : e.attempts()) {
                rows.add(new Object[]{e.requestId(), a.attemptIndex(), utc(a.ts()), a.provider(), a.modelRef(),
                        a.model(), a.dialect(), a.endpointHost(), a.durationMs(), a.statusCode(), a.errorClass(),
                        a.errorMessage(), a.retryable(), a.timedOut(), a.clientCanceled(), a.selected(),
                        a.fallbackReason(), a.attemptTimeoutMs(), a.retryAfterMs()});
            }
        }
        return getSession().chain(session -> INSERT.execute(session, rows));
    }

    public Uni<List<AttemptRow>> forRequest(String requestId) {
        return list("requestId = ?1 order by attemptIndex", requestId);
    }
}
