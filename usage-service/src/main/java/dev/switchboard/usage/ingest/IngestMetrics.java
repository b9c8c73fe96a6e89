package dev.switchboard.usage.ingest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Consumer-side counters; labels are bounded (no request IDs, no callers). */
@ApplicationScoped
class IngestMetrics {

    private final Counter consumed;
    private final Counter persisted;
    private final Counter duplicates;
    private final Counter deadLetteredMalformed;
    private final Counter deadLetteredRejected;
    private final Counter retries;
    private final DistributionSummary batchSize;
    private final Timer batchDuration;

    IngestMetrics(MeterRegistry registry) {
        consumed = Counter.builder("switchboard.usage.events.consumed")
                .description("Usage records read from switchboard.usage.v1")
                .register(registry);
        persisted = Counter.builder("switchboard.usage.events.persisted")
                .description("Usage events stored as new requests rows")
                .register(registry);
        duplicates = Counter.builder("switchboard.usage.events.duplicates")
                .description("Redelivered usage events that were already stored")
                .register(registry);
        deadLetteredMalformed = deadLettered(registry, "malformed");
        deadLetteredRejected = deadLettered(registry, "rejected_by_database");
        retries = Counter.builder("switchboard.usage.store.retries")
                .description("Batch writes tried again after a transient database failure")
                .register(registry);
        batchSize = DistributionSummary.builder("switchboard.usage.batch.size")
                .description("Records per consumed batch")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
        batchDuration = Timer.builder("switchboard.usage.batch.duration")
                .description("Time to decode, store and dead-letter one batch")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
    }

    private static Counter deadLettered(MeterRegistry registry, String reason) {
        return Counter.builder("switchboard.usage.events.dead.lettered")
                .description("Usage records sent to switchboard.usage.dlq")
                .tag("reason", reason)
                .register(registry);
    }

    void batch(int size) {
        consumed.increment(size);
        batchSize.record(size);
    }

    void stored(int total, int inserted) {
        persisted.increment(inserted);
        duplicates.increment(total - inserted);
    }

    void malformed() {
        deadLetteredMalformed.increment();
    }

    void rejectedByDatabase() {
        deadLetteredRejected.increment();
    }

    void retry() {
        retries.increment();
    }

    void batchDone(Duration elapsed) {
        batchDuration.record(elapsed);
    }
}
