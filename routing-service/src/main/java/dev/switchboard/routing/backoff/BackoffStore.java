package dev.switchboard.routing.backoff;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.RoutingConfig;
import dev.switchboard.routing.metrics.RouterMetrics;

/**
 * Adaptive-backoff marks in Redis, shared by every routing replica: an upstream 429 or quota signal cools the target
 * down for all of them at once. Redis trouble never fails a request: checks fail open (route as if nothing were
 * cooling down) and are counted and logged.
 */
@ApplicationScoped
public class BackoffStore {

    private static final Logger LOG = Logger.getLogger(BackoffStore.class);
    private static final long LOG_INTERVAL_MS = 10_000;

    /**
     * One round trip and atomic across replicas: count the strike, derive the cooldown (explicit Retry-After or
     * exponential from the strike count), never shorten a longer cooldown another replica already set.
     */
    private static final String COOLDOWN_SCRIPT = """
            local strikes = redis.call('INCR', KEYS[2])
            redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) * 4)
            local ttl = tonumber(ARGV[2])
            if ttl < 0 then
              ttl = math.floor(tonumber(ARGV[3]) * (tonumber(ARGV[5]) ^ (strikes - 1)))
            end
            ttl = math.max(1, math.min(ttl, tonumber(ARGV[4])))
            local current = redis.call('PTTL', KEYS[1])
            if current > ttl then
              return current
            end
            redis.call('SET', KEYS[1], ARGV[1] .. ':' .. string.format('%d', tonumber(ARGV[6]) + ttl), 'PX', ttl)
            return ttl
            """;

    private final ReactiveRedisDataSource redis;
    private final RoutingConfig.Backoff config;
    private final RouterMetrics metrics;
    private final AtomicLong lastWarning = new AtomicLong();

    BackoffStore(ReactiveRedisDataSource redis, RoutingConfig config, RouterMetrics metrics) {
        this.redis = redis;
        this.config = config.backoff();
        this.metrics = metrics;
    }

    public String key(ResolvedTarget target) {
        return config.keyPrefix() + target.label();
    }

    /** Active marks among the targets, by label; one MGET. Empty when Redis is unavailable (fail open). */
    public Uni<Map<String, BackoffMark>> activeMarks(List<ResolvedTarget> targets) {
        if (targets.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<String> labels = new LinkedHashSet<>();
        targets.forEach(t -> labels.add(t.label()));
        String[] keys = labels.stream().map(l -> config.keyPrefix() + l).toArray(String[]::new);
        return redis.value(String.class)
                .mget(keys)
                .ifNoItem()
                .after(config.redisTimeout())
                .fail()
                .map(values -> {
                    long now = System.currentTimeMillis();
                    Map<String, BackoffMark> marks = new HashMap<>();
                    for (String label : labels) {
                        String stored = values == null ? null : values.get(config.keyPrefix() + label);
                        if (stored != null) {
                            marks.put(label, BackoffMark.parse(label, stored, now));
                        }
                    }
                    return marks;
                })
                .onFailure()
                .recoverWithItem(e -> {
                    storeFailed("check", e);
                    return Map.of();
                });
    }

    /**
     * Starts (or extends) a cooldown.
     *
     * @param retryAfterMs the upstream's hint, bounded by the configured maximum; {@code null} for the exponential
     *        default
     * @return the cooldown now in force in milliseconds, or {@code null} when Redis could not record it
     */
    public Uni<Long> startCooldown(ResolvedTarget target, CooldownReason reason, Long retryAfterMs) {
        RoutingConfig.Cooldown c = reason == CooldownReason.QUOTA_EXHAUSTED ? config.quota() : config.rateLimit();
        String key = key(target);
        return redis
                .execute("EVAL", COOLDOWN_SCRIPT, "2", key, key + ":strikes", reason.wire(),
                        String.valueOf(retryAfterMs == null ? -1 : retryAfterMs), String.valueOf(c.min().toMillis()),
                        String.valueOf(c.max().toMillis()), String.valueOf(c.multiplier()),
                        String.valueOf(System.currentTimeMillis()))
                .ifNoItem()
                .after(config.redisTimeout())
                .fail()
                .map(r -> r == null ? null : r.toLong())
                .onFailure()
                .recoverWithItem(e -> {
                    storeFailed("cooldown", e);
                    return null;
                });
    }

    /** For readiness: Redis answers PING within the request budget. */
    public Uni<Boolean> reachable(Duration timeout) {
        return redis.execute("PING")
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(r -> true)
                .onFailure()
                .recoverWithItem(false);
    }

    private void storeFailed(String operation, Throwable e) {
        metrics.backoffStoreFailure(operation);
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > LOG_INTERVAL_MS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("backoff store unavailable (%s: %s); routing without adaptive backoff", operation,
                    e.getClass().getSimpleName());
        }
    }
}
