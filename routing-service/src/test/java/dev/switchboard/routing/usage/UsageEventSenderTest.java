package dev.switchboard.routing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.routing.support.Await;

/** The batching hand-off's own rules, against Kafka's {@link MockProducer}; the real broker path is UsageToKafkaTest. */
class UsageEventSenderTest {

    private static final String TOPIC = "usage-test";

    private final Recorded outcomes = new Recorded();
    private UsageEventSender sender;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void everyOfferedRecordReachesTheProducerInOrderWithItsKey() {
        MockProducer<String, byte[]> producer = mockProducer(true);
        sender = new UsageEventSender(producer, TOPIC, 1_000, Duration.ofMillis(1), outcomes).start();

        for (int i = 0; i < 500; i++) {
            assertThat(sender.offer("req_" + i, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))).isTrue();
        }

        assertThat(Await.until(Duration.ofSeconds(5), () -> outcomes.sent.size() == 500)).isTrue();
        List<ProducerRecord<String, byte[]>> history = producer.history();
        assertThat(history).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(history.get(i).topic()).isEqualTo(TOPIC);
            assertThat(history.get(i).key()).isEqualTo("req_" + i);
            assertThat(new String(history.get(i).value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":" + i + "}");
        }
        assertThat(outcomes.failed).isEmpty();
        assertThat(sender.waiting()).isZero();
    }

    @Test
    void aRecordOfferedAfterTheSenderFellAsleepWakesIt() {
        MockProducer<String, byte[]> producer = mockProducer(true);
        sender = new UsageEventSender(producer, TOPIC, 10, Duration.ofMillis(1), outcomes).start();
        sender.offer("req_first", new byte[]{1});
        assertThat(Await.until(Duration.ofSeconds(5), () -> outcomes.sent.size() == 1)).isTrue();

        // well past QUIET_ROUNDS_BEFORE_SLEEP lingers: the thread now waits without a timeout
        sleep(UsageEventSender.QUIET_ROUNDS_BEFORE_SLEEP * 4L);
        sender.offer("req_later", new byte[]{2});

        assertThat(Await.until(Duration.ofSeconds(2), () -> outcomes.sent.contains("req_later"))).isTrue();
    }

    @Test
    void failuresTheProducerReportsAreCountedPerRecord() {
        MockProducer<String, byte[]> producer = mockProducer(false);
        sender = new UsageEventSender(producer, TOPIC, 10, Duration.ofMillis(1), outcomes).start();
        sender.offer("req_ok", new byte[]{1});
        sender.offer("req_lost", new byte[]{2});
        assertThat(Await.until(Duration.ofSeconds(5), () -> producer.history().size() == 2)).isTrue();

        producer.completeNext();
        producer.errorNext(new TimeoutException("delivery.timeout.ms expired"));

        assertThat(outcomes.sent).containsExactly("req_ok");
        assertThat(outcomes.failed).containsExactly("req_lost");
    }

    @Test
    void whileTheProducerIsStuckRecordsWaitUpToTheCapacityThenAreRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MockProducer<String, byte[]> stuck = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                try {
                    // a broker without metadata: send blocks up to max.block.ms
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.send(record, callback);
            }
        };
        sender = new UsageEventSender(stuck, TOPIC, 3, Duration.ofMillis(1), outcomes).start();

        assertThat(sender.offer("req_0", new byte[]{0})).isTrue();
        // the thread has taken req_0 and is stuck sending it
        assertThat(Await.until(Duration.ofSeconds(2), () -> sender.waiting() == 0)).isTrue();
        assertThat(sender.offer("req_1", new byte[]{1})).isTrue();
        assertThat(sender.offer("req_2", new byte[]{2})).isTrue();
        assertThat(sender.offer("req_3", new byte[]{3})).isTrue();
        assertThat(sender.offer("req_4", new byte[]{4})).as("over capacity").isFalse();

        release.countDown();
        assertThat(Await.until(Duration.ofSeconds(5), () -> outcomes.sent.size() == 4)).isTrue();
        assertThat(outcomes.sent).containsExactly("req_0", "req_1", "req_2", "req_3");
    }

    @Test
    void stoppingSendsWhatWaitsAndRefusesNewRecords() {
        MockProducer<String, byte[]> producer = mockProducer(true);
        sender = new UsageEventSender(producer, TOPIC, 100, Duration.ofMillis(50), outcomes).start();
        for (int i = 0; i < 20; i++) {
            sender.offer("req_" + i, new byte[]{(byte) i});
        }

        sender.stop(Duration.ofSeconds(2));

        assertThat(producer.history()).hasSize(20);
        assertThat(outcomes.sent).hasSize(20);
        assertThat(sender.offer("req_late", new byte[]{1})).isFalse();
    }

    private static MockProducer<String, byte[]> mockProducer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Recorded implements UsageEventSender.Outcome {
        final Queue<String> sent = new ConcurrentLinkedQueue<>();
        final Queue<String> failed = new ConcurrentLinkedQueue<>();

        @Override
        public void sent(String key) {
            sent.add(key);
        }

        @Override
        public void failed(String key, Exception failure) {
            failed.add(key);
        }
    }
}
