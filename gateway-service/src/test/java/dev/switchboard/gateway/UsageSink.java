package dev.switchboard.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.model.usage.UsageEvents;

/** Reads the edge usage events the gateway published to the in-memory usage channel. */
public final class UsageSink {

    private final InMemorySink<byte[]> sink;

    public UsageSink(InMemorySink<byte[]> sink) {
        this.sink = sink;
    }

    public void clear() {
        sink.clear();
    }

    public List<Message<byte[]>> messages() {
        return List.copyOf(sink.received());
    }

    public List<UsageEvent> events(String requestId) {
        return messages().stream()
                .map(m -> UsageEvents.fromJson(m.getPayload()))
                .filter(e -> e.requestId().equals(requestId))
                .toList();
    }

    /** Waits for the event of {@code requestId} and checks it was published exactly once, keyed by the request ID. */
    public UsageEvent awaitOne(String requestId) {
        Await.until(() -> !events(requestId).isEmpty(), Duration.ofSeconds(5), "usage event for " + requestId);
        List<UsageEvent> events = events(requestId);
        if (events.size() != 1) {
            throw new AssertionError("expected exactly one usage event for " + requestId + ", got " + events.size());
        }
        Message<byte[]> message = messages().stream()
                .filter(m -> UsageEvents.fromJson(m.getPayload()).requestId().equals(requestId))
                .findFirst()
                .orElseThrow();
        Optional<OutgoingKafkaRecordMetadata> key = message.getMetadata(OutgoingKafkaRecordMetadata.class);
        if (key.isEmpty() || !requestId.equals(key.get().getKey())) {
            throw new AssertionError("usage event for " + requestId + " is not keyed by its request ID");
        }
        return events.get(0);
    }

    /** Gives the gateway a moment to publish anything it would, then checks that it published nothing. */
    public void assertNoneFor(String requestId) {
        Await.pause(Duration.ofMillis(300));
        if (!events(requestId).isEmpty()) {
            throw new AssertionError("no usage event expected for " + requestId);
        }
    }
}
