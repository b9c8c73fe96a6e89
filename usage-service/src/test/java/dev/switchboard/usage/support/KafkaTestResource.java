package dev.switchboard.usage.support;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.switchboard.model.usage.UsageEvent;

/**
 * A real single-node KRaft Kafka cluster inside the test JVM, with the usage topics created as production has them, and
 * a fresh random internal token (no secret lives in configuration files).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes).setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (Admin admin = Admin.create(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(UsageEvent.TOPIC, 3, (short) 1),
                        new NewTopic(UsageEvent.DEAD_LETTER_TOPIC, 1, (short) 1))).all().get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka cluster", e);
        }
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        // Per channel too: an inherited KAFKA_BOOTSTRAP_SERVERS (scripts/test exports one for the e2e module)
        // outranks test-resource properties for the connector's defaults and would point it at another broker.
        String servers = cluster.bootstrapServers();
        return Map.of("kafka.bootstrap.servers", servers,
                "mp.messaging.incoming.switchboard-usage-v1.bootstrap.servers", servers,
                "mp.messaging.outgoing.switchboard-usage-dlq.bootstrap.servers", servers,
                "switchboard.internal.token", HexFormat.of().formatHex(token));
    }

    @Override
    public void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the in-JVM Kafka cluster", e);
            }
        }
    }
}
