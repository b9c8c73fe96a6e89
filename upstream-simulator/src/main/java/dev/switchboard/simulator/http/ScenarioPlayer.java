package dev.switchboard.simulator.http;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.model.json.Json;
import dev.switchboard.simulator.config.SimulatorConfig;
import dev.switchboard.simulator.scenario.Answer;
import dev.switchboard.simulator.scenario.Behaviour;
import dev.switchboard.simulator.scenario.Failure;
import dev.switchboard.simulator.scenario.ModelTraits;
import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.Scenarios;
import dev.switchboard.simulator.scenario.SimRequest;
import dev.switchboard.simulator.stats.SimStats;

/**
 * Answers a generation request in any dialect: credential check, body, scenario, latency, then the scenario's
 * behaviour. Never blocks: every wait is a Vert.x timer.
 */
@ApplicationScoped
public class ScenarioPlayer {

    static final String IMAGES_REFUSED = "image input not supported by this model";
    static final String REDIRECT_LOCATION = "https://simulator.invalid/v1/redirected";
    private static final Buffer MALFORMED_BODY = Buffer.buffer("{\"id\":\"chatcmpl-sim-malformed\",\"choices\":[{");

    private final SimulatorConfig config;
    private final SimStats stats;
    private final ApiKeyCheck apiKeys;

    ScenarioPlayer(SimulatorConfig config, SimStats stats, ApiKeyCheck apiKeys) {
        this.config = config;
        this.stats = stats;
        this.apiKeys = apiKeys;
    }

    public void handle(RoutingContext rc, SimDialect dialect) {
        Exchange exchange = new Exchange(rc, stats);
        stats.recordDialect(dialect.dialect().wireName());
        Delays delays;
        try {
            delays = Delays.of(config, rc.request().headers());
        } catch (Failure.Rejected e) {
            exchange.sendError(e.failure(), dialect.error(e.failure()));
            return;
        }
        Failure denied = checkKey(rc.request(), dialect);
        if (denied != null) {
            exchange.after(delays.latencyMs(), () -> exchange.sendError(denied, dialect.error(denied)));
            return;
        }
        SimRequest request;
        Scenario scenario;
        try {
            request = dialect.inspect(readJson(rc.body()));
            scenario = Scenarios.select(rc.request().getHeader(SimHeaders.SCENARIO), request.model());
        } catch (Failure.Rejected e) {
            exchange.after(delays.latencyMs(), () -> exchange.sendError(e.failure(), dialect.error(e.failure())));
            return;
        }
        stats.recordImages(request.images());
        long sequence = stats.recordScenario(request.model(), scenario.name());
        exchange.scenario(scenario.name());
        if (request.images() > 0 && !ModelTraits.vision(request.model())) {
            // the model's own refusal, whatever the scenario: routing an image to a text-only target must show
            Failure refused = Failure.invalidRequest(IMAGES_REFUSED, null);
            exchange.after(delays.latencyMs(), () -> exchange.sendError(refused, dialect.error(refused)));
            return;
        }
        if (scenario.behaviour() == Behaviour.HANG) {
            exchange.stall(config.hangMaxMs());
            return;
        }
        long latency = delays.latencyMs()
                + (scenario.behaviour() == Behaviour.SLOW_ANSWER ? config.slowLatencyMs() : 0);
        exchange.after(latency, () -> play(exchange, dialect, request, scenario, sequence, delays));
    }

    /**
     * Anthropic's {@code POST /v1/messages/count_tokens}: the credential and body checks of a generation request,
     * the configured latency, then the prompt's token count. No scenario plays.
     */
    public void countTokens(RoutingContext rc, TokenCounting dialect) {
        Exchange exchange = new Exchange(rc, stats);
        stats.recordDialect(dialect.dialect().wireName());
        Delays delays;
        try {
            delays = Delays.of(config, rc.request().headers());
        } catch (Failure.Rejected e) {
            exchange.sendError(e.failure(), dialect.error(e.failure()));
            return;
        }
        Failure denied = checkKey(rc.request(), dialect);
        if (denied != null) {
            exchange.after(delays.latencyMs(), () -> exchange.sendError(denied, dialect.error(denied)));
            return;
        }
        try {
            Buffer answer = dialect.tokenCount(readJson(rc.body()));
            exchange.after(delays.latencyMs(), () -> exchange.sendJson(200, answer));
        } catch (Failure.Rejected e) {
            exchange.after(delays.latencyMs(), () -> exchange.sendError(e.failure(), dialect.error(e.failure())));
        }
    }

    /** {@code GET /v1/models}: the scenario catalogue, so that clients and operators can discover it. */
    public void models(RoutingContext rc, SimDialect dialect) {
        Exchange exchange = new Exchange(rc, stats);
        Failure denied = checkKey(rc.request(), dialect);
        if (denied != null) {
            exchange.sendError(denied, dialect.error(denied));
        } else {
            exchange.sendJson(200, dialect.models(Scenarios.known()));
        }
    }

    /** Answers a failure outside any scenario (unknown URL, unexpected error) in the dialect's error shape. */
    public void fail(RoutingContext rc, SimDialect dialect, Failure failure) {
        new Exchange(rc, stats).sendError(failure, dialect.error(failure));
    }

    private Failure checkKey(HttpServerRequest request, SimDialect dialect) {
        if (!apiKeys.enabled()) {
            return null;
        }
        String presented = dialect.presentedKey(request);
        return apiKeys.accepts(presented) ? null : dialect.unauthorized(presented != null);
    }

    private static JsonNode readJson(RequestBody body) {
        Buffer bytes = body == null ? null : body.buffer();
        if (bytes == null || bytes.length() == 0) {
            throw Failure.invalidRequest("The request body is empty; a JSON object is expected.", null).rejection();
        }
        try {
            return Json.MAPPER.readTree(bytes.getBytes());
        } catch (IOException e) {
            // the parser's message quotes the body: never pass it on
            throw Failure.invalidRequest("We could not parse the JSON body of your request.", null).rejection();
        }
    }

    private void play(Exchange exchange, SimDialect dialect, SimRequest request, Scenario scenario, long sequence,
            Delays delays) {
        switch (scenario.behaviour()) {
            case ANSWER, SLOW_ANSWER -> answer(exchange, dialect, request, true, delays);
            case ANSWER_WITHOUT_USAGE -> answer(exchange, dialect, request, false, delays);
            case FAIL -> exchange.sendError(scenario.failure(), dialect.error(scenario.failure()));
            case FLAKY -> {
                if (sequence % 2 == 1) {
                    Failure failure = Failure.serverError(500);
                    exchange.sendError(failure, dialect.error(failure));
                } else {
                    answer(exchange, dialect, request, true, delays);
                }
            }
            case CUT -> cut(exchange, dialect, request, delays);
            case STALL -> stall(exchange, dialect, request, delays);
            case STREAM_ERROR -> streamError(exchange, dialect, request, delays);
            case REDIRECT -> exchange.redirect(REDIRECT_LOCATION);
            case MALFORMED -> exchange.sendJson(200, MALFORMED_BODY.copy());
            case HANG -> exchange.stall(config.hangMaxMs());
        }
    }

    private static void answer(Exchange exchange, SimDialect dialect, SimRequest request, boolean usage,
            Delays delays) {
        Answer answer = Answer.of(request, usage);
        if (!request.stream()) {
            exchange.sendJson(200, dialect.completion(request, answer));
            return;
        }
        List<Buffer> events = dialect.streamEvents(request, answer);
        exchange.startStream();
        exchange.writeEvents(events, events.size(), delays.chunkDelayMs(), written -> exchange.end());
    }

    private static void cut(Exchange exchange, SimDialect dialect, SimRequest request, Delays delays) {
        Answer answer = Answer.of(request, true);
        if (!request.stream()) {
            Buffer body = dialect.completion(request, answer);
            exchange.startChunkedJson();
            exchange.write(body.getBuffer(0, body.length() / 2)).onComplete(written -> exchange.drop());
            return;
        }
        List<Buffer> events = dialect.streamEvents(request, answer);
        exchange.startStream();
        exchange.writeEvents(events, Math.min(dialect.partialEvents(), events.size()), delays.chunkDelayMs(),
                written -> written.onComplete(done -> exchange.drop()));
    }

    private void stall(Exchange exchange, SimDialect dialect, SimRequest request, Delays delays) {
        if (!request.stream()) {
            exchange.startChunkedJson();
            exchange.write(Buffer.buffer()).onComplete(done -> exchange.stall(config.hangMaxMs()));
            return;
        }
        List<Buffer> events = dialect.streamEvents(request, Answer.of(request, true));
        exchange.startStream();
        exchange.writeEvents(events, Math.min(dialect.partialEvents(), events.size()), delays.chunkDelayMs(),
                written -> exchange.stall(config.hangMaxMs()));
    }

    private static void streamError(Exchange exchange, SimDialect dialect, SimRequest request, Delays delays) {
        Failure failure = Failure.serverError(500);
        if (!request.stream()) {
            exchange.sendError(failure, dialect.error(failure));
            return;
        }
        List<Buffer> events = dialect.streamEvents(request, Answer.of(request, true));
        exchange.startStream();
        int sent = Math.min(dialect.partialEvents(), events.size());
        exchange.writeEvents(events, sent, delays.chunkDelayMs(), written -> {
            exchange.write(dialect.streamError(request, failure, sent));
            exchange.end();
        });
    }
}
