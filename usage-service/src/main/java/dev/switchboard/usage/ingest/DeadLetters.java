package dev.switchboard.usage.ingest;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes unusable records to {@code switchboard.usage.dlq}: payload, key and headers unchanged, plus why and where
 * they came from. The returned {@link Uni} completes once the broker has the record, so the source offset is only
 * committed after that.
 */
@ApplicationScoped
class DeadLetters {

    static final String REASON = "x-sb-dlq-reason";
    static final String ORIGINAL_TOPIC = "x-sb-dlq-original-topic";
    static final String ORIGINAL_PARTITION = "x-sb-dlq-original-partition";
    static final String ORIGINAL_OFFSET = "x-sb-dlq-original-offset";

    private final MutinyEmitter<byte[]> emitter;

    DeadLetters(@Channel(Channels.DEAD_LETTERS) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    Uni<Void> send(Rejected rejected) {
        RecordHeaders headers = new RecordHeaders();
        if (rejected.headers() != null) {
            for (Header h : rejected.headers()) {
                if (!h.key().startsWith("x-sb-dlq-")) {
                    headers.add(h);
                }
            }
        }
        headers.add(REASON, utf8(rejected.reason()));
        headers.add(ORIGINAL_TOPIC, utf8(rejected.topic()));
        headers.add(ORIGINAL_PARTITION, utf8(Integer.toString(rejected.partition())));
        headers.add(ORIGINAL_OFFSET, utf8(Long.toString(rejected.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(rejected.key())
                .withHeaders(headers)
                .build();
        // A tombstone (null value) is forwarded as an empty value: messages cannot carry a null payload.
        byte[] payload = rejected.payload() == null ? new byte[0] : rejected.payload();
        return emitter.sendMessage(Message.of(payload, Metadata.of(metadata)));
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
