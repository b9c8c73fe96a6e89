package dev.switchboard.simulator.http;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import dev.switchboard.model.security.RequestIds;
import dev.switchboard.simulator.anthropic.AnthropicMessages;
import dev.switchboard.simulator.config.SimulatorConfig;
import dev.switchboard.simulator.openai.OpenAiChat;
import dev.switchboard.simulator.openai.OpenAiResponses;
import dev.switchboard.simulator.scenario.Failure;
import dev.switchboard.simulator.stats.SimStats;

/**
 * Every provider-facing route, in the order they must run: count the request, read the body, answer in the
 * endpoint's dialect, or 404 for an unknown API path. Plain Vert.x routes (no JAX-RS, no reflection per request):
 * this service is the latency floor of the benchmark.
 */
@ApplicationScoped
public class ApiRoutes {

    private static final Logger LOG = Logger.getLogger(ApiRoutes.class);
    private static final String API = "/v1/*";
    /** Some clients are configured with a base URL without {@code /v1}. */
    private static final List<String> BARE = List.of("/chat/completions", "/responses", "/messages",
            "/messages/count_tokens");
    private static final String MESSAGES_PREFIX = "/v1/messages";

    private final SimulatorConfig config;
    private final SimStats stats;
    private final ScenarioPlayer player;
    private final ApiKeyCheck apiKeys;
    private final OpenAiChat openAiChat;
    private final OpenAiResponses openAiResponses;
    private final AnthropicMessages anthropicMessages;

    ApiRoutes(SimulatorConfig config, SimStats stats, ScenarioPlayer player, ApiKeyCheck apiKeys,
            OpenAiChat openAiChat, OpenAiResponses openAiResponses, AnthropicMessages anthropicMessages) {
        this.config = config;
        this.stats = stats;
        this.player = player;
        this.apiKeys = apiKeys;
        this.openAiChat = openAiChat;
        this.openAiResponses = openAiResponses;
        this.anthropicMessages = anthropicMessages;
    }

    void init(@Observes Router router) {
        Handler<RoutingContext> arrival = this::arrival;
        router.route(API).handler(arrival);
        BARE.forEach(path -> router.route(path).handler(arrival));

        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
        router.post(API).handler(body);
        BARE.forEach(path -> router.post(path).handler(body));

        generation("chat/completions", openAiChat, router);
        generation("responses", openAiResponses, router);
        generation("messages", anthropicMessages, router);
        Handler<RoutingContext> countTokens = rc -> player.countTokens(rc, anthropicMessages);
        router.post("/v1/messages/count_tokens").handler(countTokens);
        router.post("/messages/count_tokens").handler(countTokens);
        router.get("/v1/models").handler(rc -> player.models(rc, openAiChat));

        router.route(API)
                .handler(rc -> player.fail(rc, dialectFor(rc),
                        Failure.unknownUrl(rc.request().method().name(), rc.request().path())));
        router.route(API).failureHandler(this::unexpected);
        BARE.forEach(path -> router.route(path).failureHandler(this::unexpected));

        LOG.infof("simulator routes ready: latency %d ms, stream chunk delay %d ms, API key check %s",
                config.latencyMs(), config.streamChunkDelayMs(), apiKeys.enabled() ? "on" : "off");
    }

    /** One dialect's endpoint, with and without the {@code /v1} prefix. */
    private void generation(String path, SimDialect dialect, Router router) {
        Handler<RoutingContext> handler = rc -> player.handle(rc, dialect);
        router.post("/v1/" + path).handler(handler);
        router.post("/" + path).handler(handler);
    }

    private void arrival(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        stats.recordArrival(new SimStats.Arrival(request.path(), request.getHeader(SimHeaders.REQUEST_ID),
                request.getHeader(SimHeaders.AUTHORIZATION) != null || request.getHeader(SimHeaders.API_KEY) != null,
                request.getHeader(SimHeaders.ANTHROPIC_VERSION), request.getHeader(SimHeaders.ANTHROPIC_BETA)));
        rc.addEndHandler(done -> stats.recordFinished());
        rc.next();
    }

    /** Failures outside a dialect's handler answer in the shape the path's clients expect. */
    private SimDialect dialectFor(RoutingContext rc) {
        String path = rc.request().path();
        if (path.startsWith(MESSAGES_PREFIX) || path.startsWith(MESSAGES_PREFIX.substring(3))) {
            return anthropicMessages;
        }
        return openAiChat;
    }

    /** Body-handler rejections (413) keep their status; anything else is a bug, answered without details. */
    private void unexpected(RoutingContext rc) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        if (rc.statusCode() == 413) {
            player.fail(rc, dialectFor(rc),
                    Failure.invalidRequest("The request body is too large.", null).withStatus(413));
            return;
        }
        // the exception type only: messages of parser or codec failures may quote the request
        LOG.errorf("unexpected failure on %s %s (request id %s): %s", rc.request().method(), rc.request().path(),
                safeRequestId(rc.request().getHeader(SimHeaders.REQUEST_ID)),
                rc.failure() == null ? "status " + rc.statusCode() : rc.failure().getClass().getName());
        player.fail(rc, dialectFor(rc), Failure.serverError(500));
    }

    private static String safeRequestId(String candidate) {
        return RequestIds.isWellFormed(candidate) ? candidate : "-";
    }
}
