package dev.switchboard.gateway.admission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.GatewayConfig.RedisFailureMode;
import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.policy.Caller;

/**
 * Caller RPM and concurrency limits, shared by every gateway replica through Redis: one {@code EVALSHA} of
 * {@code redis/caller-admission.lua} per admission, which either decides (near a limit) or only records (far from it,
 * off the request's path); callers without limits never touch Redis.
 */
@ApplicationScoped
public class CallerLimits {

    private static final Logger LOG = Logger.getLogger(CallerLimits.class);
    static final long WINDOW_MS = 60_000;
    private static final long FAILURE_LOG_INTERVAL_MS = 10_000;
    private static final Future<Slot> UNLIMITED = Future.succeededFuture(Slot.NONE);
    private static final GatewayError LIMITS_UNAVAILABLE = GatewayError
            .of(ErrorType.SERVICE_UNAVAILABLE, "caller limits cannot be checked right now; retry shortly")
            .withDetail("reason", "limits-store-unavailable")
            .withRetryAfter(1);

    private final Redis redis;
    private final Vertx vertx;
    private final String script;
    private final String scriptSha;
    private final String keyPrefix;
    private final long timeoutMs;
    private final long leaseMs;
    private final RedisFailureMode failureMode;
    private final GatewayConfig.OptimisticConfig optimistic;
    private final Map<String, CallerUsageView> views = new ConcurrentHashMap<>();
    private final AtomicLong lastFailureLog = new AtomicLong();

    CallerLimits(Redis redis, Vertx vertx, GatewayConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.script = loadScript();
        this.scriptSha = sha1Hex(script);
        this.keyPrefix = config.limits().keyPrefix();
        this.timeoutMs = Math.max(1, config.limits().redisTimeout().toMillis());
        this.leaseMs = config.limits().concurrencyLease().toMillis();
        this.failureMode = config.limits().redisFailureMode();
        this.optimistic = config.limits().optimistic();
    }

    /**
     * Admits one request of {@code caller} or refuses it. While the caller is far from its limits (see
     * {@link CallerUsageView}) the request is admitted at once and recorded in Redis in the background; otherwise the
     * admission waits for Redis' decision.
     *
     * @return the in-flight slot to release when the response ends; failed with a {@link GatewayError.Failure}
     *         ({@code rpm-exceeded}, {@code concurrency-exceeded}, or {@code service-unavailable} when Redis cannot
     *         be reached in fail-closed mode)
     */
    public Future<Slot> admit(Caller caller) {
        Integer rpm = caller.rate().rpm();
        Integer concurrent = caller.rate().concurrent();
        if (rpm == null && concurrent == null) {
            return UNLIMITED;
        }
        Admission admission = new Admission(keyPrefix + "{" + caller.id() + "}", rpm, concurrent, admissionId());
        CallerUsageView view = views.computeIfAbsent(caller.id(), id -> new CallerUsageView());
        if (optimistic.enabled()
                && view.admitsWithoutWaiting(rpm, concurrent, optimistic, System.currentTimeMillis())) {
            return Future.succeededFuture(admitOptimistically(admission, view));
        }
        return admitAfterRedis(caller, admission, view);
    }

    private Slot admitOptimistically(Admission admission, CallerUsageView view) {
        view.sent();
        Future<Response> recorded = evaluate(admission, true).andThen(answer -> {
            view.confirmed();
            if (answer.succeeded()) {
                observe(view, answer.result());
            } else {
                logRedisFailure(answer.cause());
            }
        });
        // the release must reach Redis after the record, or the slot would stay taken until its lease expires
        return admission.concurrent == null
                ? Slot.NONE
                : new Slot(() -> recorded.onComplete(done -> release(admission)));
    }

    private Future<Slot> admitAfterRedis(Caller caller, Admission admission, CallerUsageView view) {
        Promise<Slot> result = Promise.promise();
        long timer = vertx.setTimer(timeoutMs, id -> result.tryFail(new RedisTimeout()));
        Handler<AsyncResult<Response>> onAnswer = answer -> {
            vertx.cancelTimer(timer);
            if (answer.failed()) {
                result.tryFail(answer.cause());
                return;
            }
            observe(view, answer.result());
            Slot slot = admission.concurrent == null ? Slot.NONE : new Slot(() -> release(admission));
            if (decide(answer.result(), caller, result) && !result.tryComplete(slot)) {
                // admitted after the timeout already answered for Redis: give the slot back
                slot.release();
            }
        };
        evaluate(admission, false).onComplete(onCallerThread(onAnswer));
        return result.future().recover(this::onFailure);
    }

    /** Runs the admission script; {@code record} records the request whatever the counts say. */
    private Future<Response> evaluate(Admission admission, boolean record) {
        return redis.send(admission.args(Request.cmd(Command.EVALSHA).arg(scriptSha), record)).recover(failure -> {
            if (failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT")) {
                // first use on this Redis (or after a restart / SCRIPT FLUSH): EVAL caches the script for EVALSHA
                return redis.send(admission.args(Request.cmd(Command.EVAL).arg(script), record));
            }
            return Future.failedFuture(failure);
        });
    }

    private static void observe(CallerUsageView view, Response answer) {
        view.observe(answer.get(2).toLong(), answer.get(3).toLong(), System.currentTimeMillis());
    }

    /** @return true when admitted; otherwise {@code result} is failed with the refusal */
    private static boolean decide(Response answer, Caller caller, Promise<Slot> result) {
        int verdict = answer.get(0).toInteger();
        long retryMs = answer.get(1).toLong();
        if (verdict == 0) {
            return true;
        }
        long retryAfter = Math.max(1, (retryMs + 999) / 1000);
        GatewayError refusal = verdict == 1
                ? GatewayError
                        .of(ErrorType.RPM_EXCEEDED,
                                "request rate limit reached: " + caller.rate().rpm() + " requests per minute")
                        .withDetail("limit", caller.rate().rpm())
                        .withDetail("window_seconds", WINDOW_MS / 1000)
                        .withRetryAfter(retryAfter)
                : GatewayError
                        .of(ErrorType.CONCURRENCY_EXCEEDED,
                                "concurrency limit reached: " + caller.rate().concurrent() + " requests in flight")
                        .withDetail("limit", caller.rate().concurrent())
                        .withRetryAfter(retryAfter);
        result.tryFail(refusal.asException());
        return false;
    }

    /** The request's state belongs to its event loop: hop back there if the Redis client answered elsewhere. */
    private <T> Handler<AsyncResult<T>> onCallerThread(Handler<AsyncResult<T>> handler) {
        Thread caller = Thread.currentThread();
        Context origin = vertx.getOrCreateContext();
        return answer -> {
            if (Thread.currentThread() == caller) {
                handler.handle(answer);
            } else {
                origin.runOnContext(v -> handler.handle(answer));
            }
        };
    }

    private Future<Slot> onFailure(Throwable failure) {
        if (failure instanceof GatewayError.Failure) {
            return Future.failedFuture(failure);
        }
        logRedisFailure(failure);
        return failureMode == RedisFailureMode.OPEN ? UNLIMITED : Future.failedFuture(LIMITS_UNAVAILABLE.asException());
    }

    private void release(Admission admission) {
        redis.send(Request.cmd(Command.ZREM).arg(admission.inFlightKey()).arg(admission.id)).onFailure(failure -> {
            // the lease expires on its own; until then the caller has one slot less
            logRedisFailure(failure);
        });
    }

    private void logRedisFailure(Throwable failure) {
        long now = System.currentTimeMillis();
        long last = lastFailureLog.get();
        if (now - last >= FAILURE_LOG_INTERVAL_MS && lastFailureLog.compareAndSet(last, now)) {
            LOG.warnf("caller limits: Redis unavailable (%s), failure mode %s", failure.toString(),
                    failureMode.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Unique per admission: caller-supplied request IDs may repeat, admissions must not collapse into one entry. */
    private static String admissionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    private static String loadScript() {
        try (InputStream in = CallerLimits.class.getResourceAsStream("/redis/caller-admission.lua")) {
            if (in == null) {
                throw new IllegalStateException("redis/caller-admission.lua missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha1Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JRE", e);
        }
    }

    /** One admission's keys and arguments for {@code redis/caller-admission.lua}. */
    private final class Admission {
        final String base;
        final Integer rpm;
        final Integer concurrent;
        final String id;

        Admission(String base, Integer rpm, Integer concurrent, String id) {
            this.base = base;
            this.rpm = rpm;
            this.concurrent = concurrent;
            this.id = id;
        }

        String inFlightKey() {
            return base + ":inflight";
        }

        Request args(Request request, boolean record) {
            return request.arg(2)
                    .arg(base + ":rpm")
                    .arg(inFlightKey())
                    .arg(rpm == null ? 0 : rpm)
                    .arg(concurrent == null ? 0 : concurrent)
                    .arg(id)
                    .arg(WINDOW_MS)
                    .arg(leaseMs)
                    .arg(record ? 1 : 0);
        }
    }

    /** Redis did not answer within {@code switchboard.limits.redis-timeout}. */
    static final class RedisTimeout extends RuntimeException {
        RedisTimeout() {
            super("Redis did not answer in time", null, false, false);
        }
    }
}
