package dev.switchboard.routing.support;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.switchboard.model.usage.UsageEvent;

/**
 * Routing as production runs it for usage events: the SmallRye Kafka connector against a real single-node KRaft
 * cluster in the test JVM, instead of the in-memory connector the other tests use. The channel writes to a topic of
 * another name, as a deployment (or the benchmark) may configure it.
 */
public class RealKafkaProfile implements QuarkusTestProfile {

    public static final String TOPIC = "switchboard.usage.v1.routing-test";
    public static final int PARTITIONS = 3;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.log.category.\"org.apache.kafka\".level", "WARN", "quarkus.log.category.\"kafka\".level",
                "WARN");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    public static class Resource extends RoutingTestResource {

        private KafkaClusterTestKit cluster;

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new java.util.HashMap<>(super.start());
            try {
                cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build()).build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                try (Admin admin = Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
                    admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not start the in-JVM Kafka cluster", e);
            }
            String channel = "mp.messaging.outgoing.\"" + UsageEvent.TOPIC + "\".";
            config.put(channel + "connector", "smallrye-kafka");
            config.put(channel + "topic", TOPIC);
            // per channel too: an inherited KAFKA_BOOTSTRAP_SERVERS would otherwise point it at another broker
            config.put(channel + "bootstrap.servers", cluster.bootstrapServers());
            config.put("kafka.bootstrap.servers", cluster.bootstrapServers());
            return config;
        }

        @Override
        public void stop() {
            super.stop();
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not stop the in-JVM Kafka cluster", e);
                }
            }
        }
    }
}
