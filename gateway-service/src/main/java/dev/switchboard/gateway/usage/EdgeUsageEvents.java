package dev.switchboard.gateway.usage;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.switchboard.gateway.ops.BuildFacts;
import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.policy.Caller;
import dev.switchboard.model.usage.ErrorRecord;
import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.model.usage.UsageEvents;

/**
 * Publishes one usage event for every model request the gateway answered itself (routing publishes the others), keyed
 * by request ID. Fire and forget: the caller's answer never waits for Kafka and never fails because of it.
 *
 * <p>
 * Application-scoped, unlike the other beans of the request path, which are singletons without a client proxy: this
 * bean is created on first use, after reactive messaging has started. A singleton would be created while the HTTP
 * routes are registered, before its emitter can be connected to the channel.
 */
@ApplicationScoped
public class EdgeUsageEvents {

    public static final String CHANNEL = "switchboard-usage-v1";
    static final String SOURCE = "gateway";
    private static final int MAX_TEXT = 128;
    private static final Logger LOG = Logger.getLogger(EdgeUsageEvents.class);

    private final Emitter<byte[]> emitter;
    private final String routerVersion;

    EdgeUsageEvents(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000) Emitter<byte[]> emitter,
            BuildFacts build) {
        this.emitter = emitter;
        this.routerVersion = build.info().version();
    }

    public void publish(EdgeRejection rejection) {
        String requestId = rejection.edge().requestId();
        try {
            byte[] payload = UsageEvents.toJson(event(rejection));
            OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(requestId)
                    .build();
            emitter.send(Message.of(payload, Metadata.of(key), () -> CompletableFuture.completedFuture(null),
                    failure -> {
                        LOG.warnf("usage event for request %s not delivered: %s", requestId,
                                failure.getClass().getSimpleName());
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            // buffer full or channel not ready: the answer to the caller stands regardless
            LOG.warnf("usage event for request %s dropped: %s", requestId, e.getClass().getSimpleName());
        }
    }

    private UsageEvent event(EdgeRejection r) {
        ErrorType type = r.error().type();
        boolean retryable = type.status() == 429 || type.status() == 503;
        var event = UsageEvent.builder(r.edge().requestId())
                .ts(Instant.ofEpochMilli(r.edge().receivedAtMillis()))
                .source(SOURCE)
                .client(bounded(r.userAgent()))
                .inboundDialect(r.dialect().wireName())
                .requestedModel(bounded(r.requestedModel()))
                .resolvedGroup(r.group())
                .stream(r.stream())
                .status(type.status())
                .errorType(type.type())
                .latencyMs(r.edge().elapsedMillis())
                .tokenSource("none")
                .policyVersion(r.policyVersion())
                .routerVersion(routerVersion)
                .error(new ErrorRecord(type.status(), type.type(), null, r.error().message(), retryable));
        Caller caller = r.caller();
        if (caller != null) {
            event.callerId(caller.id())
                    .callerUser(caller.ownerUser())
                    .callerProject(caller.project())
                    .callerEnvironment(caller.environment())
                    .tokenId(caller.tokenId());
        }
        return event.build();
    }

    /** Caller-supplied strings land in usage rows: at most 128 printable characters. */
    static String bounded(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_TEXT));
        for (int i = 0; i < value.length() && out.length() < MAX_TEXT; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
