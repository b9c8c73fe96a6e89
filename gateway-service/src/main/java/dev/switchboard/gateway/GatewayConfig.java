package dev.switchboard.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the gateway can be told, under {@code switchboard.*}. Secrets come from environment references only. */
@ConfigMapping(prefix = "switchboard")
public interface GatewayConfig {

    PolicyConfig policy();

    RoutingConfig routing();

    ReportsConfig reports();

    InternalConfig internal();

    HttpConfig http();

    LimitsConfig limits();

    ReadinessConfig readiness();

    interface PolicyConfig {
        /** Bootstrap policy-set YAML; without it the gateway starts not-ready until a policy arrives. */
        Optional<Path> bootstrapFile();
    }

    interface RoutingConfig {
        @WithDefault("http://127.0.0.1:8081")
        URI url();

        @WithDefault("2s")
        Duration connectTimeout();

        /**
         * Longest silence tolerated on a routing response, streams included. Routing enforces the real budget
         * ({@code server.upstream.timeout_ms}); this only catches a routing instance that went quiet.
         */
        @WithDefault("610s")
        Duration idleTimeout();

        @WithDefault("512")
        int maxPoolSize();
    }

    interface ReportsConfig {
        @WithDefault("http://127.0.0.1:8083")
        URI url();

        @WithDefault("30s")
        Duration idleTimeout();
    }

    interface InternalConfig {
        /** Shared secret for internal hops, sent as {@code x-sb-internal-token}. */
        String token();
    }

    interface HttpConfig {
        /** Largest request body accepted on the model endpoints (larger → 413 {@code request-too-large}). */
        @WithDefault("16777216")
        long maxBodyBytes();
    }

    interface LimitsConfig {
        /** What limited callers get while Redis cannot be reached. */
        @WithDefault("closed")
        RedisFailureMode redisFailureMode();

        /** Budget for the admission round trip to Redis before it counts as a Redis failure. */
        @WithDefault("250ms")
        Duration redisTimeout();

        /** Prefix of every limit key, so that deployments (and test runs) sharing a Redis stay apart. */
        @WithDefault("sb:limits:")
        String keyPrefix();

        /**
         * How long an in-flight slot survives without being released: the guard against slots leaked by a crashed
         * replica. Longer than the longest request routing allows.
         */
        @WithDefault("11m")
        Duration concurrencyLease();
    }

    interface ReadinessConfig {
        @WithDefault("1s")
        Duration timeout();

        /** When false, a Kafka outage shows in {@code /readyz} checks but does not make the gateway not-ready. */
        @WithDefault("true")
        boolean kafkaRequired();
    }

    enum RedisFailureMode {
        /** refuse limited callers with 503 {@code service-unavailable} */
        CLOSED,
        /** admit limited callers without counting them */
        OPEN
    }
}
