package dev.switchboard.routing.usage;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.model.usage.UsageEvents;
import dev.switchboard.routing.metrics.RouterMetrics;

/**
 * Hands usage events to Kafka ({@code switchboard.usage.v1}, key = request ID). Never blocks and never throws into the
 * request: a bounded local buffer rides out a short broker outage (the producer retries until
 * {@code delivery.timeout.ms}), and every event that is finally lost is counted ({@code router_usage_events_total}).
 *
 * <p>
 * The channel is declared through its emitter, so that SmallRye builds, configures ({@code mp.messaging.outgoing.*}),
 * health-checks and closes its Kafka producer. Events reach that producer through {@link UsageEventSender}, in
 * batches from one thread: the emitter's path costs a thread hand-off per event, measured at a tenth of routing's
 * CPU. The emitter itself carries events only where the channel has no Kafka producer (the in-memory connector of
 * tests).
 *
 * <p>
 * Application-scoped, unlike the other beans of the request path, which are singletons without a client proxy: this
 * bean is created on first use, after reactive messaging has started. A singleton would be created while the HTTP
 * routes are registered, before its emitter can be connected to the channel.
 */
@ApplicationScoped
public class UsagePublisher {

    /** Events waiting for the producer; beyond this a burst during an outage starts dropping (and counting). */
    static final int BUFFER_SIZE = 32_768;
    private static final Duration DRAIN_AT_SHUTDOWN = Duration.ofSeconds(5);
    private static final String KAFKA_CONNECTOR = "smallrye-kafka";

    private static final Logger LOG = Logger.getLogger(UsagePublisher.class);

    @Inject
    @Channel(UsageEvent.TOPIC)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER_SIZE)
    Emitter<byte[]> emitter;

    @Inject
    KafkaClientService kafka;

    @Inject
    RouterMetrics metrics;

    @ConfigProperty(name = "mp.messaging.outgoing.\"" + UsageEvent.TOPIC + "\".connector")
    String connector;

    /** The channel's topic as configured (a deployment, or the benchmark, may rename it). */
    @ConfigProperty(name = "mp.messaging.outgoing.\"" + UsageEvent.TOPIC + "\".topic", defaultValue = UsageEvent.TOPIC)
    String topic;

    /**
     * How long the sender lets events gather while they keep coming: well under the producer's own linger (20 ms), so
     * that it adds little to an event's way to Kafka, and long enough that its wake-ups cost little per request.
     */
    @ConfigProperty(name = "switchboard.usage.sender-linger", defaultValue = "5ms")
    Duration senderLinger;

    private volatile UsageEventSender sender;
    private volatile boolean senderSettled;

    public void publish(UsageEvent event) {
        String requestId = event.requestId();
        try {
            byte[] json = UsageEvents.toJson(event);
            UsageEventSender batched = sender();
            if (batched == null) {
                emit(requestId, json);
            } else if (!batched.offer(requestId, json)) {
                dropped(requestId, "buffer full");
            }
        } catch (RuntimeException e) {
            // buffer full or channel down: the caller's answer is unaffected, the loss is visible
            dropped(requestId, e.getClass().getSimpleName());
        }
    }

    /**
     * The batching sender over the channel's Kafka producer; {@code null} when the channel has none (another
     * connector), or not yet (the emitter carries events until SmallRye has built it).
     */
    private UsageEventSender sender() {
        if (senderSettled) {
            return sender;
        }
        synchronized (this) {
            if (!senderSettled) {
                KafkaProducer<String, byte[]> producer = kafka.getProducer(UsageEvent.TOPIC);
                if (producer != null) {
                    sender = new UsageEventSender(producer.unwrap(), topic, BUFFER_SIZE, senderLinger,
                            new Outcomes()).start();
                    senderSettled = true;
                } else if (!KAFKA_CONNECTOR.equals(connector)) {
                    senderSettled = true;
                }
            }
            return sender;
        }
    }

    private void emit(String requestId, byte[] json) {
        Message<byte[]> message = Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(requestId).build())
                .withAck(() -> {
                    metrics.usageEvent("sent");
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    lost(requestId, failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
    }

    private void dropped(String requestId, String reason) {
        metrics.usageEvent("dropped");
        LOG.errorf("usage event request_id=%s dropped: %s", requestId, reason);
    }

    private void lost(String requestId, Throwable failure) {
        metrics.usageEvent("failed");
        LOG.errorf("usage event request_id=%s lost after retries: %s", requestId, failure.getClass().getSimpleName());
    }

    /** Whether events go through the batching sender (the channel has a Kafka producer), for tests. */
    boolean batching() {
        return sender() != null;
    }

    /** Events accepted before shutdown still reach the producer, which SmallRye flushes and closes afterwards. */
    void drain(@Observes ShutdownEvent shutdown) {
        UsageEventSender batched = sender;
        if (batched != null) {
            batched.stop(DRAIN_AT_SHUTDOWN);
        }
    }

    private final class Outcomes implements UsageEventSender.Outcome {
        @Override
        public void sent(String key) {
            metrics.usageEvent("sent");
        }

        @Override
        public void failed(String key, Exception failure) {
            lost(key, failure);
        }
    }
}
