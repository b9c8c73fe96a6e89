package dev.switchboard.gateway.admission;

import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.gateway.GatewayConfig.OptimisticConfig;

/**
 * This replica's last knowledge of one caller's shared counters, from the latest Redis answer, plus the admissions it
 * sent that Redis has not confirmed yet. Decides whether the next admission may proceed at once (optimistic) or must
 * wait for Redis. Shared by every event loop: its fields are only ever replaced whole or counted atomically.
 */
final class CallerUsageView {

    private final AtomicInteger unconfirmed = new AtomicInteger();
    private volatile long requestsInWindow;
    private volatile long inFlight;
    /** Negative until Redis answered for this caller once. */
    private volatile long observedAtMs = -1;

    /**
     * @return true when, even if every unconfirmed admission and the headroom were used, both limits would hold
     */
    boolean admitsWithoutWaiting(Integer rpm, Integer concurrent, OptimisticConfig config, long nowMs) {
        long observedAt = observedAtMs;
        if (observedAt < 0 || nowMs - observedAt > config.maxStaleness().toMillis()) {
            return false;
        }
        int pending = unconfirmed.get();
        return farBelow(rpm, requestsInWindow + pending, config) && farBelow(concurrent, inFlight + pending, config);
    }

    private static boolean farBelow(Integer limit, long used, OptimisticConfig config) {
        if (limit == null) {
            return true;
        }
        return limit >= config.minLimit() && used < limit * (1 - config.headroom());
    }

    void sent() {
        unconfirmed.incrementAndGet();
    }

    /** Redis answered for {@code count} admissions sent before. */
    void confirmed(int count) {
        unconfirmed.addAndGet(-count);
    }

    /** Counters as Redis reported them after its last admission decision for this caller. */
    void observe(long requestsInWindow, long inFlight, long nowMs) {
        this.requestsInWindow = requestsInWindow;
        this.inFlight = inFlight;
        this.observedAtMs = nowMs;
    }
}
