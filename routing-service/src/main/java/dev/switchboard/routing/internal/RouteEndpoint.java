package dev.switchboard.routing.internal;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import dev.switchboard.routing.RoutingConfig;
import dev.switchboard.routing.metrics.RouterMetrics;
import dev.switchboard.routing.policy.PolicyHolder;

/**
 * Mounts the internal route on the Vert.x router: a plain route rather than JAX-RS, so streamed events are written
 * as they arrive, back-pressure is honoured and a connection reset by the gateway is noticed at once.
 */
@Singleton
public class RouteEndpoint {

    public static final String PATH = "/internal/v1/route";

    void mount(@Observes Router router, RouteHandler handler, RoutingConfig config) {
        router.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(config.internal().maxBodyBytes()))
                .handler(handler::handle);
    }

    void publishWeights(@Observes StartupEvent start, PolicyHolder policies, RouterMetrics metrics) {
        policies.onSwap(metrics::configuredWeights);
    }
}
