import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka chores of scripts/bench, with the kafka-clients jars that scripts/infra already fetched:
 *
 * <pre>
 *   create-topic BOOTSTRAP TOPIC PARTITIONS
 *   delete      BOOTSTRAP TOPIC GROUP          delete the run's topic and consumer group (best effort)
 *   template    BOOTSTRAP TOPIC FILE           copy the first record's value (a real usage event) to FILE
 *   produce     BOOTSTRAP TOPIC FILE RATE SECONDS | burst COUNT
 *   lag         BOOTSTRAP TOPIC GROUP          end offsets, committed offsets and their difference
 * </pre>
 *
 * produce sends copies of the template event, each with a fresh request_id (the key too), either at a constant rate
 * or as fast as the producer goes ("burst"). It prints one JSON object: how many were acknowledged and when the
 * first and last were sent (epoch ms).
 */
public class KafkaBench {

    private static final Pattern REQUEST_ID = Pattern.compile("\"request_id\"\\s*:\\s*\"[^\"]*\"");

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: KafkaBench create-topic|delete|template|produce|lag BOOTSTRAP TOPIC ...");
            System.exit(2);
        }
        String bootstrap = args[1];
        String topic = args[2];
        switch (args[0]) {
            case "create-topic" -> createTopic(bootstrap, topic, Integer.parseInt(args[3]));
            case "delete" -> delete(bootstrap, topic, args[3]);
            case "template" -> template(bootstrap, topic, Path.of(args[3]));
            case "produce" -> produce(bootstrap, topic, Path.of(args[3]), args[4], Double.parseDouble(args[5]));
            case "lag" -> lag(bootstrap, topic, args[3]);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // wait until the topic's metadata is visible, so that services starting next find it
            for (int i = 0; i < 100; i++) {
                if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("topic " + topic + " not visible after creation");
        }
    }

    private static void delete(String bootstrap, String topic, String group) {
        try (Admin admin = admin(bootstrap)) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("consumer group " + group + " not deleted: " + e.getMessage());
            }
            try {
                admin.deleteTopics(List.of(topic)).all().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("topic " + topic + " not deleted: " + e.getMessage());
            }
        }
    }

    private static void template(String bootstrap, String topic, Path file) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String value = new String(r.value(), StandardCharsets.UTF_8);
                    if (REQUEST_ID.matcher(value).find()) {
                        Files.writeString(file, value);
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("no usage event with a request_id on " + topic);
    }

    private static void produce(String bootstrap, String topic, Path file, String mode, double amount)
            throws Exception {
        String template = Files.readString(file);
        Matcher m = REQUEST_ID.matcher(template);
        if (!m.find()) {
            throw new IllegalStateException("the template has no request_id");
        }
        String head = template.substring(0, m.start());
        String tail = template.substring(m.end());
        boolean burst = mode.equals("burst");
        double rate = burst ? 0 : Double.parseDouble(mode);
        long count = burst ? (long) amount : Math.round(rate * amount);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // as routing-service publishes (application.properties): acks=all, idempotent, lz4, small linger
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, burst ? 20 : 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long first;
        long lastSent;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            // connect and fetch metadata before the clock starts
            producer.partitionsFor(topic);
            long periodNs = burst ? 0 : (long) (1e9 / rate);
            long start = System.nanoTime();
            first = System.currentTimeMillis();
            for (long i = 0; i < count; i++) {
                if (!burst) {
                    long due = start + i * periodNs;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                // the gateway's form (RequestIds): the time in milliseconds first, then 80 random bits
                String id = String.format(Locale.ROOT, "req_%012x%016x%04x", System.currentTimeMillis(),
                        ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextInt() & 0xffff);
                byte[] value = (head + "\"request_id\":\"" + id + "\"" + tail).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, id, value), (md, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
            lastSent = System.currentTimeMillis();
            producer.flush();
        }
        System.out.printf(Locale.ROOT,
                "{\"produced\":%d,\"acked\":%d,\"failed\":%d,\"first_ms\":%d,\"last_sent_ms\":%d,\"flushed_ms\":%d}%n",
                count, acked.get(), failed.get(), first, lastSent, System.currentTimeMillis());
    }

    private static void lag(String bootstrap, String topic, String group) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Set<TopicPartition> parts = admin.describeTopics(List.of(topic)).allTopicNames().get(20, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(i -> new TopicPartition(topic, i.partition()))
                    .collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            parts.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            long end = admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
            ListConsumerGroupOffsetsResult res = admin.listConsumerGroupOffsets(group);
            Map<TopicPartition, OffsetAndMetadata> committed = res.partitionsToOffsetAndMetadata()
                    .get(20, TimeUnit.SECONDS);
            long done = parts.stream().map(committed::get).filter(o -> o != null).mapToLong(OffsetAndMetadata::offset)
                    .sum();
            System.out.printf(Locale.ROOT, "{\"end_offsets\":%d,\"committed\":%d,\"lag\":%d,\"at_ms\":%d}%n", end, done,
                    end - done, System.currentTimeMillis());
        }
    }
}
