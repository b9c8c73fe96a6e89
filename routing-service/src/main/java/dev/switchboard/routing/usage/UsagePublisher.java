package dev.switchboard.routing.usage;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.model.usage.UsageEvents;
import dev.switchboard.routing.metrics.RouterMetrics;

/**
 * Hands usage events to Kafka ({@code switchboard.usage.v1}, key = request ID). Never blocks and never throws into
 * the request: a bounded local buffer rides out a short broker outage (the producer retries until
 * {@code delivery.timeout.ms}), and every event that is finally lost is counted. Safe to call on an event loop: the
 * emitter only enqueues, and the Kafka connector calls {@code KafkaProducer.send} (which may wait up to
 * {@code max.block.ms}) on its own sending thread.
 */
@ApplicationScoped
public class UsagePublisher {

    /** Events waiting for the producer; beyond this a burst during an outage starts dropping (and counting). */
    static final int BUFFER_SIZE = 32_768;

    private static final Logger LOG = Logger.getLogger(UsagePublisher.class);

    @Inject
    @Channel(UsageEvent.TOPIC)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER_SIZE)
    Emitter<byte[]> emitter;

    @Inject
    RouterMetrics metrics;

    public void publish(UsageEvent event) {
        String requestId = event.requestId();
        try {
            Message<byte[]> message = Message.of(UsageEvents.toJson(event))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(requestId).build())
                    .withAck(() -> {
                        metrics.usageEvent("sent");
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        metrics.usageEvent("failed");
                        LOG.errorf("usage event request_id=%s lost after retries: %s", requestId,
                                failure.getClass().getSimpleName());
                        return CompletableFuture.completedFuture(null);
                    });
            emitter.send(message);
        } catch (RuntimeException e) {
            // buffer full or channel down: the caller's answer is unaffected, the loss is visible
            metrics.usageEvent("dropped");
            LOG.errorf("usage event request_id=%s dropped: %s", requestId, e.getClass().getSimpleName());
        }
    }
}
