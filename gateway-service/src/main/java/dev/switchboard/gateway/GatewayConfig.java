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

        /** Keep-alive connections to routing, for each event loop (each has its own pool). */
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

        /**
         * Budget for the admission round trip to Redis before it counts as a Redis failure, unless Redis has answered
         * other commands of this replica in the meantime (see {@link #redisMaxWait()}).
         */
        @WithDefault("250ms")
        Duration redisTimeout();

        /**
         * How long an admission may wait while Redis keeps answering this replica's other commands: the delay is then
         * this replica's own (a cold JVM under load, busy event loops), not Redis being unavailable.
         */
        @WithDefault("2s")
        Duration redisMaxWait();

        /** Prefix of every limit key, so that deployments (and test runs) sharing a Redis stay apart. */
        @WithDefault("sb:limits:")
        String keyPrefix();

        /**
         * How long an in-flight slot survives without being released: the guard against slots leaked by a crashed
         * replica. Longer than the longest request routing allows.
         */
        @WithDefault("11m")
        Duration concurrencyLease();

        /** Admission without waiting for Redis while a caller is far from its limits (docs/performance.md). */
        OptimisticConfig optimistic();
    }

    interface OptimisticConfig {
        /** Off: every admission of a limited caller waits for its Redis round trip. */
        @WithDefault("true")
        boolean enabled();

        /** Limits below this are always checked in Redis before admitting: small limits must be exact. */
        @WithDefault("100")
        int minLimit();

        /**
         * Share of a limit kept for exact checks: once a caller's last known use (plus this replica's admissions
         * Redis has not confirmed yet) reaches {@code limit × (1 − headroom)}, admissions wait for Redis again.
         */
        @WithDefault("0.1")
        double headroom();

        /** A caller's last known use older than this is not trusted: the next admission waits for Redis. */
        @WithDefault("1s")
        Duration maxStaleness();

        /**
         * How long a caller's optimistic admissions (and slot releases) gather before one command writes them to
         * Redis. 0: at the end of the event-loop turn. Other replicas see them this much later at most.
         */
        @WithDefault("5ms")
        Duration writeDelay();
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
