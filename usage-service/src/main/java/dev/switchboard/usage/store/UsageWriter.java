package dev.switchboard.usage.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.switchboard.model.usage.UsageEvent;

/**
 * Writes a batch of events and their children in one transaction, on the reactive pool Hibernate Reactive also uses.
 * The reads stay Panache queries; this bulk write is four fixed statements (see {@link MultiRowInsert}).
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
     */
    public Uni<Integer> write(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // Parents first: the children reference them.
        return pool.withTransaction(connection -> requests.insertIgnoringDuplicates(connection, events)
                .call(() -> attempts.insertIgnoringDuplicates(connection, events))
                .call(() -> shapeEvents.insertIgnoringDuplicates(connection, events))
                .call(() -> errors.insertIgnoringDuplicates(connection, events)));
    }
}
