package dev.switchboard.gateway;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for things that happen after a response (events, slot releases, connection resets). */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            pause(Duration.ofMillis(20));
        }
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
