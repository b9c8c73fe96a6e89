package dev.switchboard.gateway.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Collects items from any thread and hands them over in batches: {@code delayMs} after the first one was added (on
 * that event loop), or on its next turn when there is no delay. Under load, one Redis command carries the work of many
 * requests; the delay lets a steady trickle (one connection, a request at a time) share commands too.
 */
final class Coalescer<T> {

    private final Vertx vertx;
    private final long delayMs;
    private final int maxBatch;
    private final Consumer<List<T>> flush;
    private final Queue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Coalescer(Vertx vertx, long delayMs, int maxBatch, Consumer<List<T>> flush) {
        this.vertx = vertx;
        this.delayMs = delayMs;
        this.maxBatch = maxBatch;
        this.flush = flush;
    }

    void add(T item) {
        items.add(item);
        scheduleDrain();
    }

    /**
     * Takes the items waiting (at most one batch) for a caller that writes them itself; the scheduled drain then
     * finds fewer or none.
     */
    List<T> take() {
        if (items.isEmpty()) {
            return List.of();
        }
        List<T> batch = new ArrayList<>();
        T item;
        while (batch.size() < maxBatch && (item = items.poll()) != null) {
            batch.add(item);
        }
        return batch;
    }

    private void scheduleDrain() {
        if (scheduled.compareAndSet(false, true)) {
            Context context = vertx.getOrCreateContext();
            if (delayMs > 0) {
                context.runOnContext(v -> vertx.setTimer(delayMs, id -> drain()));
            } else {
                context.runOnContext(v -> drain());
            }
        }
    }

    private void drain() {
        scheduled.set(false);
        List<T> batch = take();
        if (!items.isEmpty()) {
            scheduleDrain();
        }
        if (!batch.isEmpty()) {
            flush.accept(batch);
        }
    }
}
