package dev.switchboard.gateway;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.gateway.dialect.ModelEndpoint;
import dev.switchboard.gateway.dialect.ModelsEndpoint;
import dev.switchboard.gateway.dialect.UsageEndpoint;
import dev.switchboard.gateway.errors.ErrorResponder;
import dev.switchboard.gateway.ops.OpsEndpoints;

/**
 * Every path the gateway answers, in one place, on the Vert.x router (no JAX-RS layer on the data path). The first
 * handler stamps the request ID on every response; the last one answers unknown paths (404) and wrong methods (405)
 * with the error envelope of the path's dialect (Anthropic's under {@code /anthropic/} and {@code /v1/messages}).
 */
@Singleton
public class GatewayRoutes {

    private final ModelEndpoint model;
    private final ModelsEndpoint models;
    private final UsageEndpoint usage;
    private final OpsEndpoints ops;
    private final ErrorResponder errors;
    private final Map<String, String> allowedMethods = new HashMap<>();

    GatewayRoutes(ModelEndpoint model, ModelsEndpoint models, UsageEndpoint usage, OpsEndpoints ops,
            ErrorResponder errors) {
        this.model = model;
        this.models = models;
        this.usage = usage;
        this.ops = ops;
        this.errors = errors;
    }

    void register(@Observes Router router) {
        router.route().order(-1).handler(ctx -> {
            EdgeRequest.start(ctx);
            ctx.next();
        });

        add(router, HttpMethod.POST, "/v1/chat/completions", model::chatCompletions);
        add(router, HttpMethod.POST, "/v1/responses", model::responses);
        // Anthropic's preferred base URL is <gateway>/anthropic; the /v1/messages aliases serve older clients
        add(router, HttpMethod.POST, "/anthropic/v1/messages", model::messages);
        add(router, HttpMethod.POST, "/v1/messages", model::messages);
        add(router, HttpMethod.POST, "/anthropic/v1/messages/count_tokens", model::countTokens);
        add(router, HttpMethod.POST, "/v1/messages/count_tokens", model::countTokens);
        add(router, HttpMethod.GET, "/v1/models", models::handle);
        add(router, HttpMethod.GET, "/anthropic/v1/models", models::handle);
        add(router, HttpMethod.GET, "/v1/usage", usage::handle);
        add(router, HttpMethod.GET, "/healthz", ops::healthz);
        add(router, HttpMethod.GET, "/readyz", ops::readyz);
        add(router, HttpMethod.GET, "/version", ops::version);

        router.route().failureHandler(errors::onFailure);
        router.route().last().handler(this::unmatched);
    }

    private void add(Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
        router.route(method, path).handler(handler);
        allowedMethods.merge(path, method.name(), (a, b) -> a + ", " + b);
    }

    private void unmatched(RoutingContext ctx) {
        String allowed = allowedMethods.get(ctx.normalizedPath());
        if (allowed == null) {
            errors.notFound(ctx);
        } else {
            errors.methodNotAllowed(ctx, allowed);
        }
    }
}
