package dev.switchboard.routing.usage;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Hands usage records to a Kafka producer from one thread of its own, in batches. An event loop only enqueues (a
 * lock-free append, no system call); this thread wakes at most once per {@link #lingerNanos} while records keep
 * coming, sends everything waiting, and sleeps until woken once traffic stops. One wake-up per linger
 * ({@code switchboard.usage.sender-linger}) instead of one hand-off per record, which cost routing a few futex calls
 * and context switches for every request. The thread may block in {@code send} (broker metadata missing, producer
 * buffer full): records then wait here, up to {@link #capacity}, and beyond that {@link #offer} refuses them so the
 * caller can count the loss.
 */
final class UsageEventSender {

    /** What became of one record once the producer knows. Called on the producer's I/O thread. */
    interface Outcome {
        void sent(String key);

        void failed(String key, Exception failure);
    }

    /** Quiet lingers before the thread sleeps until the next record wakes it. */
    static final int QUIET_ROUNDS_BEFORE_SLEEP = 50;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final int capacity;
    private final long lingerNanos;
    private final Outcome outcome;
    private final ConcurrentLinkedQueue<ProducerRecord<String, byte[]>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Thread thread;
    private volatile boolean asleep;
    private volatile boolean stopping;

    UsageEventSender(Producer<String, byte[]> producer, String topic, int capacity, Duration linger, Outcome outcome) {
        this.producer = producer;
        this.topic = topic;
        this.capacity = capacity;
        this.lingerNanos = linger.toNanos();
        this.outcome = outcome;
        this.thread = new Thread(this::run, "usage-event-sender");
        this.thread.setDaemon(true);
    }

    UsageEventSender start() {
        thread.start();
        return this;
    }

    /** @return {@code false} when {@link #capacity} records already wait, or the sender is stopping */
    boolean offer(String key, byte[] value) {
        if (stopping || waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            return false;
        }
        queue.offer(new ProducerRecord<>(topic, key, value));
        if (asleep) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    int waiting() {
        return waiting.get();
    }

    /** Sends what waits, then ends the thread; gives up after {@code timeout} (records left are reported failed). */
    void stop(Duration timeout) {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProducerRecord<String, byte[]> left;
        while ((left = queue.poll()) != null) {
            waiting.decrementAndGet();
            outcome.failed(left.key(), new IllegalStateException("routing stopped before the record was sent"));
        }
    }

    private void run() {
        int quietRounds = 0;
        while (true) {
            int sent = sendWaiting();
            if (stopping && queue.isEmpty()) {
                return;
            }
            if (sent > 0) {
                quietRounds = 0;
            } else if (++quietRounds >= QUIET_ROUNDS_BEFORE_SLEEP) {
                sleepUntilWoken();
                quietRounds = 0;
                continue;
            }
            LockSupport.parkNanos(this, lingerNanos);
        }
    }

    private void sleepUntilWoken() {
        asleep = true;
        // a record offered before this check is seen here; one offered after it sees asleep and wakes the thread
        if (queue.isEmpty() && !stopping) {
            LockSupport.park(this);
        }
        asleep = false;
    }

    private int sendWaiting() {
        int sent = 0;
        ProducerRecord<String, byte[]> record;
        while ((record = queue.poll()) != null) {
            waiting.decrementAndGet();
            String key = record.key();
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        outcome.sent(key);
                    } else {
                        outcome.failed(key, failure);
                    }
                });
            } catch (RuntimeException failure) {
                // not an API failure the producer reports through the callback: closed, or a bug
                outcome.failed(key, failure);
            }
            sent++;
        }
        return sent;
    }
}
