package dev.switchboard.gateway.ops;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.GatewayConfig.RedisFailureMode;
import dev.switchboard.gateway.Headers;
import dev.switchboard.gateway.forward.Endpoint;
import dev.switchboard.gateway.forward.InternalHttpClient;
import dev.switchboard.gateway.policy.PolicyHolder;
import dev.switchboard.model.policy.Caller;
import dev.switchboard.model.policy.CompiledPolicy;

/**
 * The dependencies behind {@code /readyz}, each probed with a short budget and all at once. Redis only gates readiness
 * when it matters: fail-closed mode and at least one caller with limits.
 */
@Singleton
public class ReadinessProbe {

    /** @param routing routing's {@code /q/health/ready} answered 200 */
    public record Result(CompiledPolicy policy, boolean routing, boolean redis, boolean kafka, boolean ready) {
    }

    private final Vertx vertx;
    private final InternalHttpClient clients;
    private final Redis redis;
    private final Instance<HealthCenter> messagingHealth;
    private final PolicyHolder policies;
    private final GatewayConfig config;
    private final long timeoutMs;
    private final Endpoint routingEndpoint;

    ReadinessProbe(Vertx vertx, InternalHttpClient client, Redis redis, Instance<HealthCenter> messagingHealth,
            PolicyHolder policies, GatewayConfig config) {
        this.vertx = vertx;
        this.clients = client;
        this.redis = redis;
        this.messagingHealth = messagingHealth;
        this.policies = policies;
        this.config = config;
        this.timeoutMs = config.readiness().timeout().toMillis();
        this.routingEndpoint = Endpoint.of(config.routing().url());
    }

    public Future<Result> check() {
        CompiledPolicy policy = policies.current();
        Future<Boolean> routing = bounded(routing());
        Future<Boolean> redisUp = bounded(redis.send(Request.cmd(Command.PING)).map(pong -> true));
        Future<Boolean> kafka = bounded(kafka());
        return Future.join(routing, redisUp, kafka).transform(all -> {
            boolean routingUp = routing.result();
            boolean redisOk = redisUp.result();
            boolean kafkaUp = kafka.result();
            boolean ready = policy != null && routingUp && (redisOk || !redisGatesReadiness(policy))
                    && (kafkaUp || !config.readiness().kafkaRequired());
            return Future.succeededFuture(new Result(policy, routingUp, redisOk, kafkaUp, ready));
        });
    }

    private boolean redisGatesReadiness(CompiledPolicy policy) {
        if (config.limits().redisFailureMode() == RedisFailureMode.OPEN) {
            return false;
        }
        for (Caller caller : policy.source().callers()) {
            if (caller.rate().rpm() != null || caller.rate().concurrent() != null) {
                return true;
            }
        }
        return false;
    }

    private Future<Boolean> routing() {
        MultiMap headers = HttpHeaders.headers().add(Headers.INTERNAL_TOKEN, config.internal().token());
        return clients.client().request(routingEndpoint.request(HttpMethod.GET, "/q/health/ready", headers, timeoutMs))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode() == 200));
    }

    /** SmallRye's channel readiness may block (Kafka admin calls): never on the event loop. */
    private Future<Boolean> kafka() {
        if (!messagingHealth.isResolvable()) {
            return Future.succeededFuture(true);
        }
        HealthCenter health = messagingHealth.get();
        return vertx.executeBlocking(() -> health.getReadiness().isOk(), false);
    }

    private Future<Boolean> bounded(Future<Boolean> probe) {
        Promise<Boolean> outcome = Promise.promise();
        long timer = vertx.setTimer(timeoutMs, id -> outcome.tryComplete(false));
        probe.onComplete(done -> {
            vertx.cancelTimer(timer);
            outcome.tryComplete(done.succeeded() && Boolean.TRUE.equals(done.result()));
        });
        return outcome.future();
    }
}
