import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Used by scripts/infra (run with the java source launcher and the broker's jars on the class path): waits until the
 * broker at BOOTSTRAP accepts a produce, then creates the given topics if they are missing. One JVM for all of it,
 * because every extra JVM start costs seconds on a small machine.
 *
 * <pre>
 * java -cp 'libs/*' KafkaSetup.java BOOTSTRAP TIMEOUT_SECONDS NAME:PARTITIONS[:compact] ...
 * </pre>
 */
public class KafkaSetup {

    private static final String PROBE_TOPIC = "switchboard.infra.ready";

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: KafkaSetup BOOTSTRAP TIMEOUT_SECONDS NAME:PARTITIONS[:compact] ...");
            System.exit(2);
        }
        String bootstrap = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        List<NewTopic> wanted = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            wanted.add(topic(args[i]));
        }
        wanted.add(new NewTopic(PROBE_TOPIC, 1, (short) 1));

        Properties common = new Properties();
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        common.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        common.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        common.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");

        try (Admin admin = Admin.create(common)) {
            awaitCluster(admin, deadline);
            ensureTopics(admin, wanted, deadline);
        }
        produceProbe(common, deadline);
        System.out.println("kafka at " + bootstrap + " accepts produce requests");
    }

    private static NewTopic topic(String spec) {
        String[] parts = spec.split(":");
        NewTopic topic = new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1);
        if (parts.length > 2 && "compact".equals(parts[2])) {
            topic.configs(Map.of("cleanup.policy", "compact"));
        }
        return topic;
    }

    private static void awaitCluster(Admin admin, long deadline) throws InterruptedException {
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (!admin.describeCluster().nodes().get(remaining(deadline), TimeUnit.MILLISECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        fail("broker did not answer in time" + (last == null ? "" : ": " + rootMessage(last)));
    }

    private static void ensureTopics(Admin admin, List<NewTopic> wanted, long deadline) throws Exception {
        while (true) {
            try {
                Set<String> existing = admin.listTopics().names().get(remaining(deadline), TimeUnit.MILLISECONDS);
                List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
                for (NewTopic t : missing) {
                    try {
                        admin.createTopics(List.of(t)).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
                        System.out.println("created topic " + t.name() + " (" + t.numPartitions() + " partitions"
                                + (t.configs() == null ? "" : ", " + t.configs()) + ")");
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                warnOnPartitionMismatch(admin, wanted, deadline);
                return;
            } catch (ExecutionException e) {
                // the controller may still be electing itself right after start: retry until the deadline
                if (System.nanoTime() >= deadline) {
                    fail("could not create topics: " + rootMessage(e));
                }
                Thread.sleep(250);
            }
        }
    }

    private static void warnOnPartitionMismatch(Admin admin, List<NewTopic> wanted, long deadline)
            throws Exception {
        Map<String, TopicDescription> described = admin
                .describeTopics(wanted.stream().map(NewTopic::name).toList())
                .allTopicNames()
                .get(remaining(deadline), TimeUnit.MILLISECONDS);
        for (NewTopic t : wanted) {
            int actual = Optional.ofNullable(described.get(t.name())).map(d -> d.partitions().size()).orElse(0);
            if (actual != t.numPartitions()) {
                System.err.println("warning: topic " + t.name() + " has " + actual + " partitions, expected "
                        + t.numPartitions() + " (left unchanged)");
            }
        }
    }

    private static void produceProbe(Properties common, long deadline) throws Exception {
        Properties props = new Properties();
        props.putAll(common);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(remaining(deadline), 15000)));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(PROBE_TOPIC, "probe", "scripts/infra readiness probe"))
                    .get(Math.max(remaining(deadline), 5000), TimeUnit.MILLISECONDS);
            producer.close(Duration.ofSeconds(5));
        } catch (ExecutionException e) {
            fail("broker refused the probe record: " + rootMessage(e));
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static void fail(String message) {
        System.err.println("error: " + message);
        System.exit(1);
    }
}
