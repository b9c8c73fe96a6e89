package dev.switchboard.routing.usage;

import static dev.switchboard.routing.support.Calls.chat;
import static dev.switchboard.routing.support.Calls.newRequestId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.model.usage.UsageEvents;
import dev.switchboard.routing.support.Calls;
import dev.switchboard.routing.support.RealKafkaProfile;

/**
 * Usage events on a real broker: what the batching sender hands the channel's producer is what lands on the channel's
 * configured topic.
 */
@QuarkusTest
@TestProfile(RealKafkaProfile.class)
class UsageToKafkaTest {

    private static final int REQUESTS = 300;

    @Inject
    UsagePublisher publisher;

    @Test
    void everyConcurrentRequestLeavesExactlyOneEventKeyedByItsRequestId() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            ids.add(newRequestId());
        }
        ExecutorService callers = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String id : ids) {
                statuses.add(callers.submit(() -> Calls.route(id, chat("plain", "count me")).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            callers.shutdown();
        }

        List<ConsumerRecord<String, byte[]>> records = readTopic(Set.copyOf(ids), Duration.ofSeconds(30));
        Map<String, List<UsageEvent>> byKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(UsageEvents.fromJson(record.value()));
        }
        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            assertThat(byKey.get(id)).as("events for %s", id).hasSize(1);
            UsageEvent event = byKey.get(id).get(0);
            assertThat(event.requestId()).isEqualTo(id);
            assertThat(event.status()).isEqualTo(200);
            assertThat(event.callerId()).isEqualTo("team-a");
        }
        assertThat(publisher.batching()).as("events went through the batching sender").isTrue();
        assertThat(sentCounter()).as("router_usage_events_total{outcome=sent}").isGreaterThanOrEqualTo(REQUESTS);
        assertThat(given().get("/q/metrics").asString()).doesNotContain("router_usage_events_total{outcome=\"dropped\"")
                .doesNotContain("router_usage_events_total{outcome=\"failed\"");
    }

    /**
     * The key names the request but does not pick the partition ({@code partitioner.ignore.keys}): the producer fills
     * one partition's batch at a time, so a linger window makes one compressed batch instead of one per partition.
     */
    @Test
    void eventsFillOnePartitionAtATimeInsteadOfSpreadingByKey() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = newRequestId();
            ids.add(id);
            assertThat(Calls.route(id, chat("plain", "count me")).statusCode()).isEqualTo(200);
        }
        List<ConsumerRecord<String, byte[]>> records = readTopic(Set.copyOf(ids), Duration.ofSeconds(30));
        assertThat(records).hasSize(ids.size());
        int elsewhere = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
            if (record.partition() != BuiltInPartitioner.partitionForKey(key, RealKafkaProfile.PARTITIONS)) {
                elsewhere++;
            }
        }
        // keyed partitioning would put every record on its key's partition; sticky puts about two thirds elsewhere
        assertThat(elsewhere).as("records not on their key's partition").isGreaterThan(0);
    }

    /** The records of these keys (the topic also holds the other tests' records). */
    private static List<ConsumerRecord<String, byte[]>> readTopic(Set<String> keys, Duration within) {
        // no consumer group: every partition read from its start
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(RealKafkaProfile.TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.nanoTime() + within.toNanos();
            while (records.size() < keys.size() && System.nanoTime() < until) {
                collect(consumer.poll(Duration.ofMillis(200)), keys, records);
            }
            // anything after the expected count would be a duplicate: give it a moment to show up
            collect(consumer.poll(Duration.ofMillis(500)), keys, records);
        }
        return records;
    }

    private static void collect(Iterable<ConsumerRecord<String, byte[]>> polled, Set<String> keys,
            List<ConsumerRecord<String, byte[]>> into) {
        for (ConsumerRecord<String, byte[]> record : polled) {
            if (keys.contains(record.key())) {
                into.add(record);
            }
        }
    }

    private static double sentCounter() {
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith("router_usage_events_total{") && line.contains("outcome=\"sent\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
