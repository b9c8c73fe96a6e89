package dev.switchboard.usage.store;

import static dev.switchboard.usage.store.RequestRepository.col;
import static dev.switchboard.usage.store.RequestRepository.utc;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.switchboard.model.usage.ShapeEventRecord;
import dev.switchboard.model.usage.UsageEvent;

@ApplicationScoped
public class ShapeEventRepository implements PanacheRepositoryBase<ShapeEventRow, ShapeEventRow.Key> {

    private static final MultiRowInsert INSERT = new MultiRowInsert("request_upstream_shape_events",
            List.of(col("request_id", "text"),
                    col("seq", "int4"),
                    col("ts", "timestamptz"),
                    col("scope", "text"),
                    col("provider", "text"),
                    col("model_ref", "text"),
                    col("model", "text"),
                    col("dialect", "text"),
                    col("bucket", "text"),
                    col("decision", "text"),
                    col("retry_after_ms", "int8"),
                    col("backoff_reason", "text")),
            "request_id, seq");

    public Uni<Integer> insertIgnoringDuplicates(List<UsageEvent> events) {
        List<Object[]> rows = new ArrayList<>();
        for (UsageEvent e : events) {
            for (ShapeEventRecord s : e.shapeEvents()) {
                rows.add(new Object[]{e.requestId(), s.seq(), utc(s.ts()), s.scope(), s.provider(), s.modelRef(),
                        s.model(), s.dialect(), s.bucket(), s.decision(), s.retryAfterMs(), s.backoffReason()});
            }
        }
        return getSession().chain(session -> INSERT.execute(session, rows));
    }

    public Uni<List<ShapeEventRow>> forRequest(String requestId) {
        return list("requestId = ?1 order by seq", requestId);
    }
}
