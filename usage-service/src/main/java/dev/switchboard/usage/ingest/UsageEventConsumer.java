package dev.switchboard.usage.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.model.usage.UsageEvents;
import dev.switchboard.model.usage.UsageEvents.MalformedUsageEventException;
import dev.switchboard.usage.config.UsageServiceConfig;
import dev.switchboard.usage.store.UsageWriter;

/**
 * Consumes {@code switchboard.usage.v1} a poll at a time: decode every record, store the valid ones in one transaction,
 * dead-letter the rest, then acknowledge the batch. Offsets are committed only after both the database and the
 * dead-letter topic have the records, so nothing is lost and nothing is dropped silently.
 */
@ApplicationScoped
public class UsageEventConsumer {

    private static final Logger LOG = Logger.getLogger(UsageEventConsumer.class);
    private static final int DEAD_LETTER_CONCURRENCY = 32;

    private final UsageWriter writer;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final UsageServiceConfig.Ingest config;

    UsageEventConsumer(UsageWriter writer, DeadLetters deadLetters, IngestMetrics metrics, UsageServiceConfig config) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.config = config.ingest();
    }

    @Incoming(Channels.USAGE_IN)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        long started = System.nanoTime();
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        metrics.batch(records.size());
        Decoded decoded = decode(records);
        return store(decoded.pending())
                .chain(refused -> deadLetter(concat(decoded.malformed(), refused)))
                .invoke(() -> metrics.batchDone(Duration.ofNanos(System.nanoTime() - started)))
                .chain(() -> Uni.createFrom().completionStage(batch::ack))
                .onFailure()
                .recoverWithUni(failure -> {
                    LOG.errorf("usage batch of %d records not processed: %s", records.size(),
                            StoreFailures.describe(failure));
                    return Uni.createFrom().completionStage(() -> batch.nack(failure));
                });
    }

    private Decoded decode(List<KafkaRecord<String, byte[]>> records) {
        // One entry per request ID: a redelivery inside the same poll is stored once.
        Map<String, Pending> pending = new LinkedHashMap<>();
        List<Rejected> malformed = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : records) {
            try {
                UsageEvent event = UsageEvents.fromJson(record.getPayload());
                pending.putIfAbsent(event.requestId(), new Pending(event, record));
            } catch (MalformedUsageEventException e) {
                malformed.add(rejected(record, e.getMessage()));
                metrics.malformed();
            } catch (RuntimeException e) {
                malformed.add(rejected(record, "not a usage event: " + e.getClass().getSimpleName()));
                metrics.malformed();
            }
        }
        return new Decoded(List.copyOf(pending.values()), malformed);
    }

    /** @return the events the database refused because of their content */
    private Uni<List<Rejected>> store(List<Pending> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UsageEvent> events = pending.stream().map(Pending::event).toList();
        return writeRetryingOutages(events)
                .invoke(inserted -> metrics.stored(events.size(), inserted))
                .<List<Rejected>>map(inserted -> List.of())
                .onFailure(StoreFailures::isCausedByData)
                .recoverWithUni(failure -> pending.size() == 1 ? refuse(pending.get(0), failure) : isolate(pending));
    }

    private Uni<Integer> writeRetryingOutages(List<UsageEvent> events) {
        return Uni.createFrom()
                .deferred(() -> writer.write(events))
                .onFailure(StoreFailures::isOutage)
                .invoke(failure -> {
                    metrics.retry();
                    LOG.warnf("storing %d usage events failed, trying again: %s", events.size(),
                            StoreFailures.describe(failure));
                })
                .onFailure(StoreFailures::isOutage)
                .retry()
                .withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff())
                .indefinitely();
    }

    /** One bad event must not keep the rest of its batch out of the database: store them one by one. */
    private Uni<List<Rejected>> isolate(List<Pending> pending) {
        return Multi.createFrom()
                .iterable(pending)
                .onItem()
                .transformToUniAndConcatenate(p -> store(List.of(p)))
                .collect()
                .in(ArrayList::new, List::addAll);
    }

    private Uni<List<Rejected>> refuse(Pending pending, Throwable failure) {
        metrics.rejectedByDatabase();
        String reason = "rejected by database: sqlstate " + StoreFailures.sqlState(failure).orElse("unknown");
        return Uni.createFrom().item(List.of(rejected(pending.record(), reason)));
    }

    private Uni<Void> deadLetter(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One line per batch: a misbehaving producer must not flood the log (the DLQ headers keep every offset).
        Rejected first = rejected.get(0);
        LOG.warnf("%d usage records dead-lettered, first: topic=%s partition=%d offset=%d reason=%s", rejected.size(),
                first.topic(), first.partition(), first.offset(), first.reason());
        // Bounded concurrency: a poll full of garbage must not overflow the emitter's buffer.
        return Multi.createFrom()
                .iterable(rejected)
                .onItem()
                .transformToUni(deadLetters::send)
                .merge(DEAD_LETTER_CONCURRENCY)
                .collect()
                .last()
                .replaceWithVoid();
    }

    private static Rejected rejected(KafkaRecord<String, byte[]> record, String reason) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
        return new Rejected(record.getTopic(), record.getPartition(), offset, record.getKey(), record.getPayload(),
                record.getHeaders(), reason);
    }

    private static List<Rejected> concat(List<Rejected> a, List<Rejected> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<Rejected> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private record Pending(UsageEvent event, KafkaRecord<String, byte[]> record) {
    }

    private record Decoded(List<Pending> pending, List<Rejected> malformed) {
    }
}
