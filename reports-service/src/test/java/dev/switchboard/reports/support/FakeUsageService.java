package dev.switchboard.reports.support;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A stand-in for usage-service's {@code /internal/v1/usage/summary}: a real HTTP server on a free port that records
 * what it was asked and answers as told. The real service is exercised end to end by e2e-tests.
 */
public class FakeUsageService implements QuarkusTestResourceLifecycleManager {

    /** What the last request to the fake carried. */
    public record Seen(String path, MultiMap query, MultiMap headers) {
    }

    public static final String SUMMARY = """
            {"caller_id":"%s","from":"%s","to":"%s",
             "totals":{"requests":3,"errors":1,"input_tokens":30,"output_tokens":12,"total_tokens":42,
                       "cost_usd":"0.0042","avg_latency_ms":120.5,"p95_latency_ms":300.0},
             "by_day":[{"day":"2026-11-21","requests":3,"errors":1,"input_tokens":30,"output_tokens":12,
                        "total_tokens":42,"cost_usd":"0.0042","avg_latency_ms":120.5,"p95_latency_ms":300.0}],
             "by_group":[{"group":"chat","requests":3,"errors":1,"input_tokens":30,"output_tokens":12,
                          "total_tokens":42,"cost_usd":"0.0042","avg_latency_ms":120.5,"p95_latency_ms":300.0}],
             "by_provider_model":[{"provider":"openai","model":"gpt-4o-mini","requests":3,"errors":1,
                                   "input_tokens":30,"output_tokens":12,"total_tokens":42,"cost_usd":"0.0042",
                                   "avg_latency_ms":120.5,"p95_latency_ms":300.0}],
             "by_status":[{"status":200,"requests":2,"errors":0,"input_tokens":30,"output_tokens":12,
                           "total_tokens":42,"cost_usd":"0.0042","avg_latency_ms":100.0,"p95_latency_ms":110.0},
                          {"status":503,"requests":1,"errors":1,"input_tokens":0,"output_tokens":0,
                           "total_tokens":0,"cost_usd":"0","avg_latency_ms":161.5,"p95_latency_ms":161.5}]}
            """;

    private static final AtomicReference<Seen> LAST = new AtomicReference<>();
    /** Status the fake answers with; 200 serves {@link #SUMMARY} for the requested caller and window. */
    private static volatile int status = 200;

    private Vertx vertx;

    public static void reset() {
        LAST.set(null);
        status = 200;
    }

    public static void answerWith(int httpStatus) {
        status = httpStatus;
    }

    public static Seen last() {
        return LAST.get();
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            LAST.set(new Seen(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.params()),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers())));
            int answer = status;
            if (answer != 200) {
                request.response()
                        .setStatusCode(answer)
                        .putHeader("content-type", "application/json")
                        .end("{\"error\":{\"type\":\"fake\",\"message\":\"fake failure\"}}");
                return;
            }
            request.response()
                    .putHeader("content-type", "application/json")
                    .end(SUMMARY.formatted(request.getParam("caller_id"), request.getParam("from"),
                            request.getParam("to")));
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake usage-service did not start", e);
        }
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        return Map.of("switchboard.usage.url", "http://127.0.0.1:" + server.actualPort(),
                "switchboard.internal.token", HexFormat.of().formatHex(token));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
