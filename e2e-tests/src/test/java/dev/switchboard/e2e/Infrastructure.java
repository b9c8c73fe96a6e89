package dev.switchboard.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The real infrastructure the suite runs on. By default: PostgreSQL and Redis on 127.0.0.1 and a Kafka broker (KRaft)
 * at {@code KAFKA_BOOTSTRAP_SERVERS}, started by {@code scripts/infra up} when not reachable. With
 * {@code -Dswitchboard.infra=testcontainers} (Maven profile {@code testcontainers}, for machines with a container
 * engine) the same three run in containers instead.
 */
final class Infrastructure {

    static final String DATABASE = "switchboard_e2e";

    /** Where the three servers are. */
    record Endpoints(String kafkaBootstrap, String pgHost, int pgPort, String pgUser, String pgPassword,
            String redisUrl) {
        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
        }

        String reactiveUrl(String database) {
            return "postgresql://" + pgHost + ":" + pgPort + "/" + database;
        }
    }

    private static Endpoints endpoints;

    private Infrastructure() {
    }

    static Endpoints endpoints() {
        return endpoints;
    }

    @SuppressWarnings("unchecked")
    static Endpoints start(Path root) throws Exception {
        if ("testcontainers".equals(System.getProperty("switchboard.infra"))) {
            Class<?> containers = Class.forName("dev.switchboard.e2e.ContainerInfrastructure");
            endpoints = ((Supplier<Endpoints>) containers.getDeclaredConstructor().newInstance()).get();
        } else {
            endpoints = new Endpoints(System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                    "127.0.0.1", 5432, System.getenv().getOrDefault("SWITCHBOARD_DB_USER", "postgres"),
                    System.getenv().getOrDefault("SWITCHBOARD_DB_PASSWORD", ""), "redis://127.0.0.1:6379");
            ensureLocalServices(root);
        }
        return endpoints;
    }

    private static void ensureLocalServices(Path root) throws IOException, InterruptedException {
        String kafka = endpoints.kafkaBootstrap().split(",")[0];
        int kafkaPort = Integer.parseInt(kafka.substring(kafka.lastIndexOf(':') + 1));
        if (reachable(5432) && reachable(6379) && reachable(kafkaPort)) {
            return;
        }
        Process infra = new ProcessBuilder("bash", root.resolve("scripts/infra").toString(), "up")
                .directory(root.toFile()).inheritIO().start();
        if (!infra.waitFor(5, TimeUnit.MINUTES) || infra.exitValue() != 0) {
            throw new IllegalStateException("scripts/infra up failed; see its output above");
        }
    }

    /** Whether something listens on the loopback port. */
    static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A fresh schema per run, so migrations run from scratch and rows are ours alone. The schema, not the database, is
     * reset: the service role owns its database but need not be allowed to create databases.
     */
    static void resetDatabase() throws SQLException {
        try (Connection db = database(); Statement st = db.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS public CASCADE");
            st.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) { // anything but "database does not exist"
                throw e;
            }
            try (Connection admin = DriverManager.getConnection(endpoints.jdbcUrl("postgres"), endpoints.pgUser(),
                    endpoints.pgPassword()); Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(DATABASE), endpoints.pgUser(), endpoints.pgPassword());
    }

    static Properties kafkaClientProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap());
        return p;
    }

    static void startGroupAtEnd(String group, String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(kafkaClientProperties())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get()
                    .forEach((tp, info) -> offsets.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, offsets).all().get();
        }
    }

    static void ensureTopics(List<String> topics) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(kafkaClientProperties())) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, 3, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        }
    }
}
