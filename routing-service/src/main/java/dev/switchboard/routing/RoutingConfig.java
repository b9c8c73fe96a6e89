package dev.switchboard.routing;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Process-level settings of the routing service. Deployment policy (targets, timeouts, response bounds) comes from
 * the policy set instead, so that it changes without a restart.
 */
@ConfigMapping(prefix = "switchboard")
public interface RoutingConfig {

    Internal internal();

    Policy policy();

    Backoff backoff();

    UpstreamClient upstreamClient();

    interface Internal {
        /** Shared secret of the gateway → routing hop; without it every request is refused. */
        Optional<String> token();

        /** Largest request body accepted from the gateway (images arrive base64-encoded). */
        @WithDefault("33554432")
        long maxBodyBytes();
    }

    interface Policy {
        /** Policy-set YAML loaded at startup, until the control plane publishes a newer one. */
        Optional<String> bootstrapFile();
    }

    interface Backoff {
        /** Redis key prefix; a mark is {@code <prefix><provider>/<model_ref>}. */
        @WithDefault("sb:backoff:")
        String keyPrefix();

        /**
         * How long an attempt that met a 429 or quota signal waits for Redis to record the cooldown before falling
         * back without it. Requests never read Redis: they read this replica's mirror of the marks.
         */
        @WithDefault("150ms")
        Duration redisTimeout();

        /** Pub/sub channel on which replicas announce the marks they set; default {@code <key-prefix>marks}. */
        Optional<String> channel();

        /**
         * How often each replica re-reads its policy's marks from Redis (one MGET), which repairs announcements it
         * missed; also done whenever its subscription to the channel starts again.
         */
        @WithDefault("5s")
        Duration resyncInterval();

        /** Cooldown after an upstream 429. */
        Cooldown rateLimit();

        /** Cooldown after an upstream quota/billing signal (402, insufficient_quota). */
        Cooldown quota();
    }

    interface Cooldown {
        /** First cooldown when the upstream sent no Retry-After; doubles (by {@link #multiplier()}) per strike. */
        Duration min();

        /** Upper bound, also for an upstream Retry-After. */
        Duration max();

        double multiplier();
    }

    interface UpstreamClient {
        @WithDefault("5s")
        Duration connectTimeout();

        /** Pooled keep-alive connections per upstream host and port, for each event loop (each has its own pool). */
        @WithDefault("256")
        int maxConnectionsPerHost();

        @WithDefault("60s")
        Duration keepAliveTimeout();

        /** Largest single SSE event accepted from an upstream stream. */
        @WithDefault("1048576")
        int maxStreamEventBytes();
    }
}
