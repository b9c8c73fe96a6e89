package dev.switchboard.gateway.admission;

import java.util.function.LongSupplier;

import io.vertx.core.Vertx;

/**
 * How long an admission waits for Redis. It expires after {@code timeoutMs}, unless Redis has answered another command
 * of this replica since this one was sent, and within the last {@code timeoutMs}: then the delay is the replica's own
 * (a cold JVM under load whose event loops read answers late), not Redis being unavailable, and it keeps waiting, up
 * to {@code maxWaitNanos} in all.
 */
final class AnswerDeadline {

    private final Vertx vertx;
    private final long timeoutMs;
    private final long maxWaitNanos;
    private final LongSupplier lastAnswerNanos;
    private final Runnable onExpired;
    private final long sentAt = System.nanoTime();
    private volatile long timer;

    /**
     * @param lastAnswerNanos when this replica last had an answer from Redis, in {@link System#nanoTime()}
     * @param onExpired run once if no answer came in time
     */
    AnswerDeadline(Vertx vertx, long timeoutMs, long maxWaitNanos, LongSupplier lastAnswerNanos, Runnable onExpired) {
        this.vertx = vertx;
        this.timeoutMs = timeoutMs;
        this.maxWaitNanos = maxWaitNanos;
        this.lastAnswerNanos = lastAnswerNanos;
        this.onExpired = onExpired;
        this.timer = vertx.setTimer(timeoutMs, this::check);
    }

    private void check(long id) {
        long now = System.nanoTime();
        long waited = now - sentAt;
        long lastAnswer = lastAnswerNanos.getAsLong();
        boolean redisAnswers = lastAnswer - sentAt > 0 && now - lastAnswer < timeoutMs * 1_000_000L;
        if (redisAnswers && waited < maxWaitNanos) {
            long again = Math.max(1, Math.min(timeoutMs, (maxWaitNanos - waited) / 1_000_000L));
            timer = vertx.setTimer(again, this::check);
            return;
        }
        onExpired.run();
    }

    /** The answer came: nothing expires. */
    void cancel() {
        vertx.cancelTimer(timer);
    }
}
