package dev.switchboard.e2e;

import java.util.function.Supplier;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Optional: PostgreSQL, Redis and Kafka in containers, for machines that have a container engine
 * ({@code ./mvnw verify -Ptestcontainers}). Compiled only in that profile; the default path uses real local servers.
 * The containers stop with the JVM (Testcontainers' reaper).
 */
public class ContainerInfrastructure implements Supplier<Infrastructure.Endpoints> {

    @Override
    public Infrastructure.Endpoints get() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse("postgres:16-alpine"));
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
                .withExposedPorts(6379);
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.1"));
        postgres.start();
        redis.start();
        kafka.start();
        return new Infrastructure.Endpoints(kafka.getBootstrapServers(), postgres.getHost(),
                postgres.getMappedPort(5432), postgres.getUsername(), postgres.getPassword(),
                "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379));
    }
}
