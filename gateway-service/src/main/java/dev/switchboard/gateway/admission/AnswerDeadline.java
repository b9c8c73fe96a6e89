package dev.switchboard.gateway.admission;

import java.util.function.LongSupplier;

import io.vertx.core.Vertx;

/**
 * How long an admission waits for Redis. It expires after {@code timeoutNanos}, unless the delay is the replica's own
 * rather than Redis' (a cold JVM under load, whose event loops read answers late): then it keeps waiting, up to
 * {@code maxWaitNanos} in all. The replica is the slow one when Redis has answered another of its commands since this
 * one was sent (and within the last {@code timeoutNanos}), or when this check itself runs late on its event loop.
 */
final class AnswerDeadline {

    private static final long MILLI = 1_000_000L;
    private static final long LOOP_BEHIND_NANOS = 20 * MILLI;

    private final Vertx vertx;
    private final long timeoutNanos;
    private final long maxWaitNanos;
    private final LongSupplier lastAnswerNanos;
    private final Runnable onExpired;
    private final long sentAt = System.nanoTime();
    private volatile long timer;
    private long dueAt;

    /**
     * @param lastAnswerNanos when this replica last had an answer from Redis, in {@link System#nanoTime()}
     * @param onExpired run once if no answer came in time
     */
    AnswerDeadline(Vertx vertx, long timeoutNanos, long maxWaitNanos, LongSupplier lastAnswerNanos,
            Runnable onExpired) {
        this.vertx = vertx;
        this.timeoutNanos = Math.max(MILLI, timeoutNanos);
        this.maxWaitNanos = Math.max(this.timeoutNanos, maxWaitNanos);
        this.lastAnswerNanos = lastAnswerNanos;
        this.onExpired = onExpired;
        schedule(this.timeoutNanos);
    }

    private void schedule(long delayNanos) {
        long delayMs = Math.max(1, delayNanos / MILLI); // Vert.x timers count whole milliseconds
        dueAt = System.nanoTime() + delayMs * MILLI;
        timer = vertx.setTimer(delayMs, this::check);
    }

    private void check(long id) {
        long now = System.nanoTime();
        long waited = now - sentAt;
        long lastAnswer = lastAnswerNanos.getAsLong();
        boolean redisAnswers = lastAnswer - sentAt > 0 && now - lastAnswer < timeoutNanos;
        // a healthy event loop runs a timer within a millisecond or two of its time
        boolean loopBehind = now - dueAt > Math.max(LOOP_BEHIND_NANOS, timeoutNanos / 5);
        if ((redisAnswers || loopBehind) && waited < maxWaitNanos) {
            schedule(Math.min(timeoutNanos, maxWaitNanos - waited));
            return;
        }
        onExpired.run();
    }

    /** The answer came: nothing expires. */
    void cancel() {
        vertx.cancelTimer(timer);
    }
}
