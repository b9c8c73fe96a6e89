package dev.switchboard.usage.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.switchboard.model.usage.UsageEvent;

/** Writes a batch of events and their children in one reactive transaction. */
@ApplicationScoped
public class UsageWriter {

    private final RequestRepository requests;
    private final AttemptRepository attempts;
    private final ShapeEventRepository shapeEvents;
    private final ErrorRepository errors;

    UsageWriter(RequestRepository requests, AttemptRepository attempts, ShapeEventRepository shapeEvents,
            ErrorRepository errors) {
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
        return Panache.withTransaction(() -> requests.insertIgnoringDuplicates(events)
                .call(() -> attempts.insertIgnoringDuplicates(events))
                .call(() -> shapeEvents.insertIgnoringDuplicates(events))
                .call(() -> errors.insertIgnoringDuplicates(events)));
    }
}
