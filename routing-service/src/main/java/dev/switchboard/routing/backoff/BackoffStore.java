package dev.switchboard.routing.backoff;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.RoutingConfig;
import dev.switchboard.routing.metrics.RouterMetrics;

/**
 * Adaptive-backoff marks, shared by every routing replica: an upstream 429 or quota signal cools the target down for
 * all of them at once. Redis holds the marks and serialises their updates; each replica reads its own mirror, so the
 * request path never waits for Redis ({@link BackoffSync} keeps the mirror in step). Redis trouble never fails a
 * request: the mirror keeps the marks it has until they expire, and failures are counted and logged.
 */
@Singleton
public class BackoffStore {

    private static final Logger LOG = Logger.getLogger(BackoffStore.class);
    private static final long LOG_INTERVAL_MS = 10_000;

    /**
     * One round trip and atomic across replicas: count the strike, derive the cooldown (explicit Retry-After or
     * exponential from the strike count), never shorten a longer cooldown another replica already set, and announce
     * a new or longer mark to the other replicas. Answers the cooldown in force and its stored value.
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
              return {current, redis.call('GET', KEYS[1])}
            end
            local value = ARGV[1] .. ':' .. string.format('%d', tonumber(ARGV[6]) + ttl)
            redis.call('SET', KEYS[1], value, 'PX', ttl)
            redis.call('PUBLISH', ARGV[7], ARGV[8] .. ' ' .. value)
            return {ttl, value}
            """;

    private final ReactiveRedisDataSource redis;
    private final RoutingConfig.Backoff config;
    private final RouterMetrics metrics;
    private final BackoffMirror mirror = new BackoffMirror();
    private final AtomicLong lastWarning = new AtomicLong();

    BackoffStore(ReactiveRedisDataSource redis, RoutingConfig config, RouterMetrics metrics) {
        this.redis = redis;
        this.config = config.backoff();
        this.metrics = metrics;
    }

    public String key(ResolvedTarget target) {
        return config.keyPrefix() + target.label();
    }

    /** Where replicas announce the marks they set: {@code switchboard.backoff.channel}, else the key prefix + "marks". */
    public String channel() {
        return config.channel().filter(c -> !c.isBlank()).orElse(config.keyPrefix() + "marks");
    }

    /** Active marks among the targets, by label, from this replica's mirror: no I/O, safe on the event loop. */
    public Map<String, BackoffMark> activeMarks(List<ResolvedTarget> targets) {
        return mirror.active(targets, System.currentTimeMillis());
    }

    /**
     * Starts (or extends) a cooldown in Redis, announces it to the other replicas and mirrors it here at once.
     *
     * @param retryAfterMs the upstream's hint, bounded by the configured maximum; {@code null} for the exponential
     *        default
     * @return the cooldown now in force in milliseconds, or {@code null} when Redis could not record it
     */
    public Uni<Long> startCooldown(ResolvedTarget target, CooldownReason reason, Long retryAfterMs) {
        RoutingConfig.Cooldown c = reason == CooldownReason.QUOTA_EXHAUSTED ? config.quota() : config.rateLimit();
        String key = key(target);
        String label = target.label();
        return redis
                .execute("EVAL", COOLDOWN_SCRIPT, "2", key, key + ":strikes", reason.wire(),
                        String.valueOf(retryAfterMs == null ? -1 : retryAfterMs), String.valueOf(c.min().toMillis()),
                        String.valueOf(c.max().toMillis()), String.valueOf(c.multiplier()),
                        String.valueOf(System.currentTimeMillis()), channel(), label)
                .ifNoItem()
                .after(config.redisTimeout())
                .fail()
                .map(r -> {
                    if (r == null || r.size() < 2) {
                        return null;
                    }
                    if (r.get(1) != null) {
                        long now = System.currentTimeMillis();
                        mirror.apply(BackoffMark.parse(label, r.get(1).toString(), now), now);
                    }
                    return r.get(0).toLong();
                })
                .onFailure()
                .recoverWithItem(e -> {
                    storeFailed("cooldown", e.getClass().getSimpleName());
                    return null;
                });
    }

    /**
     * Re-reads the marks of these labels from Redis (one MGET) into the mirror: marks another replica announced while
     * this one was not listening appear, marks Redis no longer holds disappear. Never fails; a failure is counted and
     * the mirror keeps what it has.
     */
    public Uni<Void> resync(Collection<String> labels, Duration timeout) {
        if (labels.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ordered = List.copyOf(labels);
        Map<String, BackoffMark> before = mirror.snapshot(ordered);
        String[] keys = ordered.stream().map(l -> config.keyPrefix() + l).toArray(String[]::new);
        return redis.value(String.class)
                .mget(keys)
                .ifNoItem()
                .after(timeout)
                .fail()
                .invoke(values -> {
                    Map<String, String> stored = new HashMap<>();
                    for (String label : ordered) {
                        String value = values == null ? null : values.get(config.keyPrefix() + label);
                        if (value != null) {
                            stored.put(label, value);
                        }
                    }
                    mirror.reconcile(ordered, stored, before, System.currentTimeMillis());
                })
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(e -> {
                    storeFailed("resync", e.getClass().getSimpleName());
                    return null;
                });
    }

    /** Applies a mark announced by a replica (possibly this one) on the channel. */
    void applyAnnouncement(String message) {
        long now = System.currentTimeMillis();
        BackoffMark mark = BackoffMark.fromAnnouncement(message, now);
        if (mark == null) {
            LOG.debugf("ignoring a message on the backoff channel that is not a mark");
            return;
        }
        mirror.apply(mark, now);
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

    /** Counts a failed Redis operation and warns at most every 10 s; the cause is a class name, never data. */
    void storeFailed(String operation, String cause) {
        metrics.backoffStoreFailure(operation);
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > LOG_INTERVAL_MS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("backoff store unavailable (%s: %s); routing with the marks this replica already has", operation,
                    cause);
        }
    }
}
