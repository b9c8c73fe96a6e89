package dev.switchboard.routing.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.model.usage.UsageEvents;

/** Reads the usage events routing handed to the (in-memory) usage channel. */
public final class UsageSink {

    public static final String CHANNEL = UsageEvent.TOPIC;

    private UsageSink() {
    }

    public static List<Message<byte[]>> messages(InMemoryConnector connector) {
        return List.copyOf(connector.<byte[]>sink(CHANNEL).received());
    }

    public static List<Message<byte[]>> messagesFor(InMemoryConnector connector, String requestId) {
        return messages(connector).stream().filter(m -> requestId.equals(key(m))).toList();
    }

    public static String key(Message<byte[]> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class).map(m -> (String) m.getKey()).orElse(null);
    }

    /** Waits for the event of a request (published off the request path, so it may lag the response). */
    public static UsageEvent await(InMemoryConnector connector, String requestId) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            Optional<Message<byte[]>> found = messagesFor(connector, requestId).stream().findFirst();
            if (found.isPresent()) {
                return UsageEvents.fromJson(found.get().getPayload());
            }
            sleep(20);
        }
        throw new AssertionError("no usage event for " + requestId);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
