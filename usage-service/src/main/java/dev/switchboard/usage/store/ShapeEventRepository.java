package dev.switchboard.usage.store;

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

import dev.switchboard.model.usage.ShapeEventRecord;
import dev.switchboard.model.usage.UsageEvent;

@ApplicationScoped
public class ShapeEventRepository implements PanacheRepositoryBase<ShapeEventRow, ShapeEventRow.Key> {

    static final MultiRowInsert INSERT = new MultiRowInsert("request_upstream_shape_events",
            List.of(col("request_id", TEXT),
                    col("seq", INT4),
                    col("ts", TIMESTAMPTZ),
                    col("scope", TEXT),
                    col("provider", TEXT),
                    col("model_ref", TEXT),
                    col("model", TEXT),
                    col("dialect", TEXT),
                    col("bucket", TEXT),
                    col("decision", TEXT),
                    col("retry_after_ms", INT8),
                    col("backoff_reason", TEXT)),
            "request_id, seq");

    public MultiRowInsert.Batch batch(List<UsageEvent> events) {
        return INSERT.batch(rows(events));
    }

    static List<Object[]> rows(List<UsageEvent> events) {
        List<Object[]> rows = new ArrayList<>();
        for (UsageEvent e : events) {
            for (ShapeEventRecord s : e.shapeEvents()) {
                rows.add(new Object[]{e.requestId(), s.seq(), s.ts(), s.scope(), s.provider(), s.modelRef(),
                        s.model(), s.dialect(), s.bucket(), s.decision(), s.retryAfterMs(), s.backoffReason()});
            }
        }
        return rows;
    }

    public Uni<List<ShapeEventRow>> forRequest(String requestId) {
        return list("requestId = ?1 order by seq", requestId);
    }
}
