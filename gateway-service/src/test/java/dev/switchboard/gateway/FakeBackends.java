package dev.switchboard.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Stands in for routing-service and reports-service: records what the gateway sent (headers, body, query) and answers
 * per model group: JSON, SSE, a routing error, or never (until the gateway hangs up).
 */
public final class FakeBackends {

    /** One request as the fake received it; header names lower-cased. */
    public record Received(String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    public static final int STREAM_EVENTS = 5;
    public static final int BURST_EVENTS = 12;
    public static final long STREAM_GAP_MS = 150;

    private final Vertx vertx = Vertx.vertx();
    private HttpServer server;
    private int port;

    /** Padding of the answers to group {@code beta}: well over the gateway's single-write threshold. */
    public static final int LARGE_ANSWER_PAD = 300_000;

    public final ConcurrentLinkedQueue<Received> routeCalls = new ConcurrentLinkedQueue<>();
    public final ConcurrentLinkedQueue<Received> usageCalls = new ConcurrentLinkedQueue<>();
    /** Request IDs of held ("slow") route calls whose connection the gateway closed. */
    public final ConcurrentLinkedQueue<String> closedByGateway = new ConcurrentLinkedQueue<>();
    public volatile boolean routingReady = true;
    /** When the fake wrote the last SSE event of the latest stream (System.nanoTime). */
    public volatile long streamFinishedAtNanos;

    public void start() {
        listen(0);
    }

    /** Stops answering: connections are refused until {@link #restart()}. */
    public void stop() {
        await(server.close());
    }

    public void restart() {
        listen(port);
    }

    public void close() {
        await(vertx.close());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void reset() {
        routeCalls.clear();
        usageCalls.clear();
        closedByGateway.clear();
        routingReady = true;
    }

    private void listen(int wanted) {
        server = await(vertx.createHttpServer().requestHandler(this::handle).listen(wanted, "127.0.0.1"));
        port = server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/q/health/ready" -> request.response()
                    .setStatusCode(routingReady ? 200 : 503)
                    .end(routingReady ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
            case "/internal/v1/usage" -> {
                usageCalls.add(received(request, ""));
                request.response()
                        .putHeader("content-type", "application/json")
                        .putHeader("cache-control", "no-store")
                        .putHeader("x-not-relayed", "internal")
                        .end("{\"caller_id\":\"" + request.getHeader("x-sb-caller-id") + "\",\"requests\":42}");
            }
            case "/internal/v1/route" -> request.body().onSuccess(body -> route(request, body.toString()));
            default -> request.response().setStatusCode(404).end();
        }
    }

    private void route(HttpServerRequest request, String body) {
        Received call = received(request, body);
        routeCalls.add(call);
        String group = call.header("x-sb-group");
        String dialect = call.header("x-sb-dialect");
        String requestId = call.header("x-request-id");
        var response = request.response().putHeader("x-request-id", requestId).putHeader("x-not-relayed", "internal");
        switch (group) {
            case "stream" -> {
                response.setChunked(true).putHeader("content-type", "text/event-stream");
                sendEvents(response, dialect, 0);
            }
            // every event its own HTTP chunk, all written at once: how routing relays a provider's burst
            case "burst" -> {
                response.setChunked(true).putHeader("content-type", "text/event-stream");
                for (int n = 0; n < BURST_EVENTS; n++) {
                    response.write("data: {\"n\":" + n + "}\n\n");
                }
                response.end("data: [DONE]\n\n");
            }
            // larger than the relay's single-write threshold: piped chunk by chunk with its Content-Length
            case "beta" -> response.putHeader("content-type", "application/json")
                    .end("{\"id\":\"chatcmpl-large\",\"pad\":\"" + "x".repeat(LARGE_ANSWER_PAD) + "\"}");
            case "slow" -> request.connection().closeHandler(v -> closedByGateway.add(requestId));
            case "failing" -> response.setStatusCode(503)
                    .putHeader("content-type", "application/json")
                    .putHeader("retry-after", "7")
                    .putHeader("x-router-error-class", "upstream_rate_limited")
                    .putHeader("x-upstream-status", "429")
                    .end("{\"error\":{\"type\":\"upstream-rate-limited\",\"message\":\"every target is rate limited\"}}");
            default -> response.putHeader("content-type", "application/json").end(answer(dialect, group));
        }
    }

    /** A minimal answer in the caller's dialect, as routing renders it. */
    private static String answer(String dialect, String group) {
        return switch (dialect) {
            case "anthropic-messages" -> "{\"id\":\"msg_test\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
                    + group + "\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
                    + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";
            case "openai-responses" -> "{\"id\":\"resp_test\",\"object\":\"response\",\"status\":\"completed\","
                    + "\"model\":\"" + group + "\",\"output\":[{\"type\":\"message\",\"role\":\"assistant\","
                    + "\"content\":[{\"type\":\"output_text\",\"text\":\"ok\"}]}]}";
            default -> "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"model\":\"" + group
                    + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                    + "\"finish_reason\":\"stop\"}]}";
        };
    }

    /**
     * Chat streams {@code data:} lines and {@code [DONE]}; Responses and Messages streams name their events, and end
     * with their own terminal event.
     */
    private void sendEvents(io.vertx.core.http.HttpServerResponse response, String dialect, int n) {
        String name = switch (dialect) {
            case "anthropic-messages" -> "event: content_block_delta\n";
            case "openai-responses" -> "event: response.output_text.delta\n";
            default -> "";
        };
        if (n == STREAM_EVENTS) {
            streamFinishedAtNanos = System.nanoTime();
            response.end(switch (dialect) {
                case "anthropic-messages" -> "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
                case "openai-responses" -> "event: response.completed\ndata: {\"type\":\"response.completed\"}\n\n";
                default -> "data: [DONE]\n\n";
            });
            return;
        }
        response.write(name + "data: {\"n\":" + n + "}\n\n");
        vertx.setTimer(STREAM_GAP_MS, id -> sendEvents(response, dialect, n + 1));
    }

    private static Received received(HttpServerRequest request, String body) {
        Map<String, List<String>> headers = new TreeMap<>();
        request.headers()
                .forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.getValue()));
        return new Received(request.path(), request.query(), headers, body);
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
