package dev.switchboard.simulator.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import dev.switchboard.model.security.RequestIds;
import dev.switchboard.simulator.config.SimulatorConfig;
import dev.switchboard.simulator.openai.OpenAiChat;
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
    private static final String BARE_CHAT = "/chat/completions";

    private final SimulatorConfig config;
    private final SimStats stats;
    private final ScenarioPlayer player;
    private final ApiKeyCheck apiKeys;
    private final OpenAiChat openAiChat;

    ApiRoutes(SimulatorConfig config, SimStats stats, ScenarioPlayer player, ApiKeyCheck apiKeys,
            OpenAiChat openAiChat) {
        this.config = config;
        this.stats = stats;
        this.player = player;
        this.apiKeys = apiKeys;
        this.openAiChat = openAiChat;
    }

    void init(@Observes Router router) {
        Handler<RoutingContext> arrival = this::arrival;
        router.route(API).handler(arrival);
        router.route(BARE_CHAT).handler(arrival);

        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
        router.post(API).handler(body);
        router.post(BARE_CHAT).handler(body);

        Handler<RoutingContext> chat = rc -> player.handle(rc, openAiChat);
        router.post("/v1/chat/completions").handler(chat);
        router.post(BARE_CHAT).handler(chat);
        router.get("/v1/models").handler(rc -> player.models(rc, openAiChat));

        router.route(API)
                .handler(rc -> player.fail(rc, openAiChat,
                        Failure.unknownUrl(rc.request().method().name(), rc.request().path())));
        router.route(API).failureHandler(this::unexpected);
        router.route(BARE_CHAT).failureHandler(this::unexpected);

        LOG.infof("simulator routes ready: latency %d ms, stream chunk delay %d ms, API key check %s",
                config.latencyMs(), config.streamChunkDelayMs(), apiKeys.enabled() ? "on" : "off");
    }

    private void arrival(RoutingContext rc) {
        stats.recordArrival(rc.request().getHeader(SimHeaders.REQUEST_ID),
                rc.request().getHeader(SimHeaders.AUTHORIZATION) != null
                        || rc.request().getHeader(SimHeaders.API_KEY) != null);
        rc.addEndHandler(done -> stats.recordFinished());
        rc.next();
    }

    /** Body-handler rejections (413) keep their status; anything else is a bug, answered without details. */
    private void unexpected(RoutingContext rc) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        if (rc.statusCode() == 413) {
            player.fail(rc, openAiChat, Failure.invalidRequest("The request body is too large.", null).withStatus(413));
            return;
        }
        // the exception type only: messages of parser or codec failures may quote the request
        LOG.errorf("unexpected failure on %s %s (request id %s): %s", rc.request().method(), rc.request().path(),
                safeRequestId(rc.request().getHeader(SimHeaders.REQUEST_ID)),
                rc.failure() == null ? "status " + rc.statusCode() : rc.failure().getClass().getName());
        player.fail(rc, openAiChat, Failure.serverError(500));
    }

    private static String safeRequestId(String candidate) {
        return RequestIds.isWellFormed(candidate) ? candidate : "-";
    }
}
