package dev.switchboard.routing.attempt;

import java.util.concurrent.TimeUnit;

/** The upstream budget of a request ({@code server.upstream.timeout_ms}), shared by all its attempts. */
public record Deadline(long expiresAtNanos) {

    public static Deadline in(long millis) {
        return new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    public long remainingMs() {
        return TimeUnit.NANOSECONDS.toMillis(expiresAtNanos - System.nanoTime());
    }

    public boolean expired() {
        return remainingMs() <= 0;
    }

    /**
     * The budget of the next attempt: its own timeout when it has one (0 = none), never beyond the deadline.
     *
     * @return milliseconds, 0 or less when nothing is left
     */
    public long attemptBudgetMs(long attemptTimeoutMs) {
        long remaining = remainingMs();
        return attemptTimeoutMs > 0 ? Math.min(attemptTimeoutMs, remaining) : remaining;
    }
}
