package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.model.usage.UsageEvents;

/** A malformed usage event is never lost: it lands in the dead-letter topic and the consumer keeps going. */
@ExtendWith(Suite.class)
class DeadLetterE2ETest {

    @Test
    void malformedEventsLandInTheDeadLetterTopic() throws Exception {
        String key = "e2e-malformed-" + System.nanoTime();
        String validId = "e2e-after-dlq-" + System.nanoTime();

        try (KafkaConsumer<String, byte[]> dlq = dlqConsumer(); KafkaProducer<String, byte[]> producer = producer()) {
            List<TopicPartition> partitions = dlq.partitionsFor(UsageEvent.DEAD_LETTER_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            dlq.assign(partitions);
            dlq.seekToEnd(partitions);
            partitions.forEach(dlq::position);

            producer.send(new ProducerRecord<>(UsageEvent.TOPIC, key,
                    "{this is not a usage event".getBytes(StandardCharsets.UTF_8))).get();
            UsageEvent valid = UsageEvent.builder(validId).ts(Instant.now()).source("e2e").status(200)
                    .resolvedGroup("default").build();
            producer.send(new ProducerRecord<>(UsageEvent.TOPIC, validId, UsageEvents.toJson(valid))).get();

            ConsumerRecord<String, byte[]> deadLetter = awaitRecord(dlq, key);
            assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8))
                    .as("the payload is kept unchanged").isEqualTo("{this is not a usage event");
            Header reason = deadLetter.headers().lastHeader("x-sb-dlq-reason");
            assertThat(reason).isNotNull();
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isNotBlank()
                    .doesNotContain("this is not a usage event");
        }

        assertThat(UsageDatabase.awaitRequestRow(validId)).containsEntry("status", 200);
        assertThat(UsageDatabase.query("SELECT 1 FROM requests WHERE request_id = ?", key)).isEmpty();
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(KafkaConsumer<String, byte[]> consumer, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (key.equals(record.key())) {
                    return record;
                }
            }
        }
        throw new AssertionError("no dead letter with key " + key + " within 30 s");
    }

    private static KafkaConsumer<String, byte[]> dlqConsumer() {
        Properties p = Infrastructure.kafkaClientProperties();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = Infrastructure.kafkaClientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }
}
