package dev.switchboard.routing.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls for something that happens asynchronously (an announcement, a resync, an expiry). */
public final class Await {

    private Await() {
    }

    /** @return whether the condition held within the time; callers assert on it */
    public static boolean until(Duration within, BooleanSupplier condition) {
        long until = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                return false;
            }
            UsageSink.sleep(10);
        }
        return true;
    }
}
