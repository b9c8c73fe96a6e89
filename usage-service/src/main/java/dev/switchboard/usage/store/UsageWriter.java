package dev.switchboard.usage.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.switchboard.model.usage.UsageEvent;

/**
 * Writes a batch of events and their children in one transaction, on the reactive pool Hibernate Reactive also uses.
 * The reads stay on Hibernate Reactive; this bulk write is four fixed statements (see {@link MultiRowInsert}).
 */
@ApplicationScoped
public class UsageWriter {

    private final Pool pool;
    private final RequestRepository requests;
    private final AttemptRepository attempts;
    private final ShapeEventRepository shapeEvents;
    private final ErrorRepository errors;

    UsageWriter(Pool pool, RequestRepository requests, AttemptRepository attempts, ShapeEventRepository shapeEvents,
            ErrorRepository errors) {
        this.pool = pool;
        this.requests = requests;
        this.attempts = attempts;
        this.shapeEvents = shapeEvents;
        this.errors = errors;
    }

    /**
     * @param events distinct request IDs
     * @return how many requests were new; the rest were redeliveries and changed nothing
     * @throws ClassCastException when an event field does not fit its column (a defect): before any SQL is sent
     */
    public Uni<Integer> write(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        MultiRowInsert.Batch requestRows = requests.batch(events);
        MultiRowInsert.Batch attemptRows = attempts.batch(events);
        MultiRowInsert.Batch shapeEventRows = shapeEvents.batch(events);
        MultiRowInsert.Batch errorRows = errors.batch(events);
        // Parents first: the children reference them.
        return pool.withTransaction(connection -> requestRows.execute(connection)
                .call(() -> attemptRows.execute(connection))
                .call(() -> shapeEventRows.execute(connection))
                .call(() -> errorRows.execute(connection)));
    }
}
