package dev.switchboard.gateway.admission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

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
 * Caller RPM and concurrency limits, shared by every gateway replica through Redis ({@code EVALSHA} of
 * {@code redis/caller-admission.lua}). Near a limit, each admission waits for the script's decision. Far from it,
 * requests are admitted at once and recorded off the request's path, many admissions (and many slot releases) of a
 * caller to one command. Callers without limits never touch Redis.
 */
@Singleton
public class CallerLimits {

    private static final Logger LOG = Logger.getLogger(CallerLimits.class);
    static final long WINDOW_MS = 60_000;
    private static final long FAILURE_LOG_INTERVAL_MS = 10_000;
    /** Admissions recorded (or slots released) by one Redis command at most. */
    private static final int MAX_BATCH = 256;
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
    private final long timeoutNanos;
    private final long maxWaitNanos;
    /** When this replica last had an answer from Redis ({@link System#nanoTime()}): proof that Redis is alive. */
    private volatile long lastAnswerNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private final long leaseMs;
    private final RedisFailureMode failureMode;
    private final GatewayConfig.OptimisticConfig optimistic;
    private final Map<String, CallerState> callers = new ConcurrentHashMap<>();
    private final AtomicLong lastFailureLog = new AtomicLong();

    CallerLimits(Redis redis, Vertx vertx, GatewayConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.script = loadScript();
        this.scriptSha = sha1Hex(script);
        this.keyPrefix = config.limits().keyPrefix();
        // converted once: a value too large for nanoseconds fails the start, not every admission
        this.timeoutNanos = config.limits().redisTimeout().toNanos();
        this.maxWaitNanos = config.limits().redisMaxWait().toNanos();
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
        CallerState state = callers.computeIfAbsent(caller.id(), CallerState::new);
        Limits limits = new Limits(state.base, rpm, concurrent);
        if (optimistic.enabled()
                && state.view.admitsWithoutWaiting(rpm, concurrent, optimistic, System.currentTimeMillis())) {
            return Future.succeededFuture(admitOptimistically(state, limits));
        }
        return admitAfterRedis(caller, state, limits);
    }

    private Slot admitOptimistically(CallerState state, Limits limits) {
        state.view.sent();
        PendingRecord record = new PendingRecord(admissionId(), limits, Promise.promise());
        state.records.add(record);
        if (limits.concurrent == null) {
            return Slot.NONE;
        }
        // the release must reach Redis after the record, or the slot would stay taken until its lease expires
        return new Slot(() -> record.done.future().onComplete(done -> state.releases.add(record.id)));
    }

    private Future<Slot> admitAfterRedis(Caller caller, CallerState state, Limits limits) {
        String id = admissionId();
        // slots this replica gave back but has not written yet: the script removes them before counting, or a caller
        // at its concurrency limit could be refused for its own previous request
        List<String> released = state.takeReleases();
        Promise<Slot> result = Promise.promise();
        AnswerDeadline deadline = new AnswerDeadline(vertx, timeoutNanos, maxWaitNanos, () -> lastAnswerNanos,
                () -> result.tryFail(new RedisTimeout()));
        Handler<AsyncResult<Response>> onAnswer = answer -> {
            deadline.cancel();
            if (answer.failed()) {
                released.forEach(state.exactReleases::add);
                result.tryFail(answer.cause());
                return;
            }
            observe(state.view, answer.result());
            Slot slot = limits.concurrent == null ? Slot.NONE : new Slot(() -> state.exactReleases.add(id));
            if (decide(answer.result(), caller, result) && !result.tryComplete(slot)) {
                // admitted after the timeout already answered for Redis: give the slot back
                slot.release();
            }
        };
        // a release written just before may still be on its way on another connection: decide after it
        state.releasesInFlight.get()
                .transform(written -> evaluate(limits, false, released, List.of(id)))
                .onComplete(onCallerThread(onAnswer));
        return result.future().recover(this::onFailure);
    }

    /** Records a batch of optimistic admissions of one caller in one script call. */
    private void flushRecords(CallerState state, List<PendingRecord> batch) {
        List<String> ids = new ArrayList<>(batch.size());
        batch.forEach(r -> ids.add(r.id));
        // the newest limits win if the policy changed between the admissions of one batch
        evaluate(batch.get(batch.size() - 1).limits, true, List.of(), ids).onComplete(answer -> {
            state.view.confirmed(batch.size());
            if (answer.succeeded()) {
                observe(state.view, answer.result());
            } else {
                logRedisFailure(answer.cause());
            }
            batch.forEach(r -> r.done.complete());
        });
    }

    /** Gives back a batch of one caller's in-flight slots in one command. */
    private void flushReleases(CallerState state, List<String> ids) {
        Request zrem = Request.cmd(Command.ZREM).arg(state.base + ":inflight");
        ids.forEach(zrem::arg);
        Future<Response> written = redis.send(zrem).onSuccess(this::answered).onFailure(failure -> {
            // the leases expire on their own; until then the caller has fewer slots
            logRedisFailure(failure);
        });
        state.releasesInFlight.updateAndGet(
                previous -> previous.isComplete() ? written : Future.join(previous, written));
    }

    /**
     * Runs the admission script; {@code record} records the requests whatever the counts say. {@code released} slots
     * are given back before anything is counted.
     */
    private Future<Response> evaluate(Limits limits, boolean record, List<String> released, List<String> ids) {
        Request evalsha = limits.args(Request.cmd(Command.EVALSHA).arg(scriptSha), record, released, ids);
        return redis.send(evalsha).recover(failure -> {
            if (failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT")) {
                // first use on this Redis (or after a restart / SCRIPT FLUSH): EVAL caches the script for EVALSHA
                return redis.send(limits.args(Request.cmd(Command.EVAL).arg(script), record, released, ids));
            }
            return Future.failedFuture(failure);
        }).onSuccess(this::answered);
    }

    private void answered(Response ignored) {
        lastAnswerNanos = System.nanoTime();
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

    /** One caller's limits as an admission saw them, and the script arguments they make. */
    private final class Limits {
        final String base;
        final Integer rpm;
        final Integer concurrent;

        Limits(String base, Integer rpm, Integer concurrent) {
            this.base = base;
            this.rpm = rpm;
            this.concurrent = concurrent;
        }

        Request args(Request request, boolean record, List<String> released, List<String> ids) {
            request.arg(2)
                    .arg(base + ":rpm")
                    .arg(base + ":inflight")
                    .arg(rpm == null ? 0 : rpm)
                    .arg(concurrent == null ? 0 : concurrent)
                    .arg(WINDOW_MS)
                    .arg(leaseMs)
                    .arg(record ? 1 : 0)
                    .arg(released.size());
            released.forEach(request::arg);
            ids.forEach(request::arg);
            return request;
        }
    }

    /** An optimistic admission waiting for its record to reach Redis. */
    private record PendingRecord(String id, Limits limits, Promise<Void> done) {
    }

    /** What this replica keeps per limited caller: its view of the shared counters and its pending Redis writes. */
    private final class CallerState {
        final String base;
        final CallerUsageView view = new CallerUsageView();
        final Coalescer<PendingRecord> records;
        /** Releases of optimistic admissions: as cheap as their records. */
        final Coalescer<String> releases;
        /**
         * Releases of admissions Redis decided: the caller is near a limit, so they are written at the end of the
         * event-loop turn for other replicas to see them as soon as possible.
         */
        final Coalescer<String> exactReleases;
        /** The caller's release writes under way: an admission that waits for Redis is decided after them. */
        final AtomicReference<Future<?>> releasesInFlight = new AtomicReference<>(Future.succeededFuture());

        CallerState(String callerId) {
            this.base = keyPrefix + "{" + callerId + "}";
            long delayMs = optimistic.writeDelay().toMillis();
            this.records = new Coalescer<>(vertx, delayMs, MAX_BATCH, batch -> flushRecords(this, batch));
            this.releases = new Coalescer<>(vertx, delayMs, MAX_BATCH, batch -> flushReleases(this, batch));
            this.exactReleases = new Coalescer<>(vertx, 0, MAX_BATCH, batch -> flushReleases(this, batch));
        }

        List<String> takeReleases() {
            List<String> exact = exactReleases.take();
            List<String> optimistic = releases.take();
            if (optimistic.isEmpty()) {
                return exact;
            }
            if (exact.isEmpty()) {
                return optimistic;
            }
            List<String> both = new ArrayList<>(exact);
            both.addAll(optimistic);
            return both;
        }
    }

    /** Redis did not answer within {@code switchboard.limits.redis-timeout}. */
    static final class RedisTimeout extends RuntimeException {
        RedisTimeout() {
            super("Redis did not answer in time", null, false, false);
        }
    }
}
