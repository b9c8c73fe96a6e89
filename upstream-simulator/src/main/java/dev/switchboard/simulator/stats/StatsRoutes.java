package dev.switchboard.simulator.stats;

import java.io.IOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonGenerator;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.simulator.json.JsonWriter;

/** {@code GET /_sim/stats} and {@code POST /_sim/reset}: the counters test suites assert on. */
@ApplicationScoped
public class StatsRoutes {

    private final SimStats stats;

    StatsRoutes(SimStats stats) {
        this.stats = stats;
    }

    void init(@Observes Router router) {
        router.get("/_sim/stats").handler(this::show);
        router.post("/_sim/reset").handler(this::reset);
    }

    private void show(RoutingContext rc) {
        SimStats.Snapshot s = stats.snapshot();
        rc.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(JsonWriter.json(json -> {
                    json.writeStartObject();
                    json.writeNumberField("requests_total", s.requestsTotal());
                    writeCounts(json, "by_model", s.byModel());
                    writeCounts(json, "by_scenario", s.byScenario());
                    writeCounts(json, "by_path", s.byPath());
                    json.writeStringField("last_request_id", s.lastRequestId());
                    json.writeBooleanField("last_authorization_present", s.lastAuthorizationPresent());
                    json.writeStringField("last_dialect", s.lastDialect());
                    json.writeStringField("last_anthropic_version", s.lastAnthropicVersion());
                    json.writeStringField("last_anthropic_beta", s.lastAnthropicBeta());
                    json.writeNumberField("images_total", s.imagesTotal());
                    json.writeNumberField("in_flight", s.inFlight());
                    json.writeNumberField("cancelled_total", s.cancelledTotal());
                    json.writeEndObject();
                }));
    }

    private static void writeCounts(JsonGenerator json, String field, Map<String, Long> counts) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            json.writeNumberField(count.getKey(), count.getValue());
        }
        json.writeEndObject();
    }

    private void reset(RoutingContext rc) {
        stats.reset();
        rc.response().setStatusCode(204).end();
    }
}
