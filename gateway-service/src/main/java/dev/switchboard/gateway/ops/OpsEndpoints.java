package dev.switchboard.gateway.ops;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.gateway.Headers;
import dev.switchboard.gateway.errors.ErrorResponder;
import dev.switchboard.gateway.policy.PolicyHolder;
import dev.switchboard.model.build.BuildInfo;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.policy.CompiledPolicy;

/**
 * {@code /healthz}, {@code /readyz} and {@code /version}: for probes and operators, no token required, no secrets in
 * the answers (policy version and fingerprint, never hashes or URLs).
 */
@Singleton
public class OpsEndpoints {

    private static final Logger LOG = Logger.getLogger(OpsEndpoints.class);
    static final String NAME = "switchboard-gateway";
    private static final Buffer ALIVE = Buffer.buffer("{\"status\":\"alive\"}");

    private final ReadinessProbe readiness;
    private final PolicyHolder policies;
    private final ErrorResponder errors;
    private final BuildInfo build;

    OpsEndpoints(ReadinessProbe readiness, PolicyHolder policies, ErrorResponder errors, BuildFacts build) {
        this.readiness = readiness;
        this.policies = policies;
        this.errors = errors;
        this.build = build.info();
    }

    /** Liveness: 200 while the process can answer, ready or not. */
    public void healthz(RoutingContext ctx) {
        json(ctx, 200, ALIVE.copy());
    }

    public void readyz(RoutingContext ctx) {
        readiness.check().onComplete(checked -> {
            if (checked.failed()) {
                errors.internal(ctx, checked.cause());
                return;
            }
            ReadinessProbe.Result r = checked.result();
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("status", r.ready() ? "ready" : "not-ready");
            CompiledPolicy policy = r.policy();
            if (policy == null) {
                body.putNull("policy");
            } else {
                body.putObject("policy")
                        .put("version", policy.version())
                        .put("fingerprint", policy.fingerprint())
                        .put("groups", policy.groupNames().size())
                        .put("callers", policy.source().callers().size());
            }
            body.putObject("checks")
                    .put("routing", upDown(r.routing()))
                    .put("redis", upDown(r.redis()))
                    .put("kafka", upDown(r.kafka()));
            write(ctx, r.ready() ? 200 : 503, body);
        });
    }

    public void version(RoutingContext ctx) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", NAME)
                .put("version", build.version())
                .put("commit", build.commit())
                .put("build_time", build.buildTime())
                .put("java_version", System.getProperty("java.version"))
                .put("os", System.getProperty("os.name"))
                .put("arch", System.getProperty("os.arch"));
        CompiledPolicy policy = policies.current();
        body.put("policy_version", policy == null ? null : policy.version());
        write(ctx, 200, body);
    }

    private void write(RoutingContext ctx, int status, ObjectNode body) {
        try {
            json(ctx, status, Buffer.buffer(Json.MAPPER.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            LOG.error("ops answer not serialisable", e);
            errors.internal(ctx, e);
        }
    }

    private static void json(RoutingContext ctx, int status, Buffer body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Headers.APPLICATION_JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }

    private static String upDown(boolean up) {
        return up ? "up" : "down";
    }
}
