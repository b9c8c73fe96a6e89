package dev.switchboard.routing.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A scripted OpenAI-compatible upstream for routing tests. The behaviour is chosen by the (rewritten) upstream model
 * id in the body; every request is recorded with its headers and body so tests can assert what routing sent.
 */
public final class FakeUpstream {

    /** Appears in upstream error bodies; must never reach a caller, a log or an event. */
    public static final String UPSTREAM_SECRET = "UPSTREAM-SECRET-DETAIL";

    public record Seen(String model, MultiMap headers, JsonObject body) {
    }

    private static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    private static final Set<String> CANCELED = ConcurrentHashMap.newKeySet();

    private static Vertx vertx;
    private static HttpServer server;

    private FakeUpstream() {
    }

    public static int start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(FakeUpstream::handle);
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
    }

    public static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    public static List<Seen> seen(String model) {
        return SEEN.stream().filter(s -> model.equals(s.model())).toList();
    }

    public static List<Seen> seenFor(String requestId) {
        return SEEN.stream().filter(s -> requestId.equals(s.headers().get("x-request-id"))).toList();
    }

    public static int total() {
        return SEEN.size();
    }

    /** Request IDs whose stream was abandoned by routing before it ended. */
    public static Set<String> canceled() {
        return CANCELED;
    }

    private static void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            JsonObject body = buffer.toJsonObject();
            String model = body.getString("model");
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            SEEN.add(new Seen(model, headers, body));
            HttpServerResponse response = request.response();
            boolean stream = body.getBoolean("stream", false);
            switch (model) {
                case "up-500" -> error(response, 500, Map.of());
                case "up-400" -> error(response, 400, Map.of());
                case "up-429", "up-429-b" -> error(response, 429, Map.of("retry-after", "7"));
                case "up-402" -> error(response, 402, Map.of());
                case "up-slow", "up-slow-b" -> vertx.setTimer(2_000, id -> {
                    if (!response.closed()) {
                        answer(response, body, model, stream);
                    }
                });
                case "up-redirect" -> response.setStatusCode(307).putHeader("location", "http://127.0.0.1:1/v1").end();
                case "up-huge" -> response.putHeader("content-type", "application/json")
                        .end(new JsonObject().put("choices", new JsonArray())
                                .put("padding", "x".repeat(100_000))
                                .encode());
                case "up-stream-cut" -> cut(request, response, body, model);
                case "up-stream-drip" -> drip(response, body, model, headers.get("x-request-id"));
                default -> answer(response, body, model, stream);
            }
        });
    }

    private static void error(HttpServerResponse response, int status, Map<String, String> headers) {
        headers.forEach(response::putHeader);
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", new JsonObject().put("message", "failure " + UPSTREAM_SECRET)
                        .put("type", "upstream_error")).encode());
    }

    private static void answer(HttpServerResponse response, JsonObject body, String model, boolean stream) {
        boolean usage = !"up-no-usage".equals(model);
        if (!stream) {
            JsonObject answer = new JsonObject().put("id", "chatcmpl-fake")
                    .put("object", "chat.completion")
                    .put("model", model)
                    .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                            .put("message", new JsonObject().put("role", "assistant").put("content", echo(body)))
                            .put("finish_reason", "stop")));
            if (usage) {
                answer.put("usage", usageJson());
            }
            response.putHeader("content-type", "application/json").end(answer.encode());
            return;
        }
        boolean includeUsage = usage
                && body.getJsonObject("stream_options", new JsonObject()).getBoolean("include_usage", false);
        response.setChunked(true).putHeader("content-type", "text/event-stream");
        StringBuilder events = new StringBuilder();
        events.append(event(chunk(model, new JsonObject().put("role", "assistant").put("content", ""), null,
                includeUsage)));
        events.append(event(chunk(model, new JsonObject().put("content", "Hello"), null, includeUsage)));
        events.append(event(chunk(model, new JsonObject().put("content", " world"), null, includeUsage)));
        events.append(event(chunk(model, new JsonObject(), "stop", includeUsage)));
        if (includeUsage) {
            events.append(event(new JsonObject().put("id", "chatcmpl-fake")
                    .put("object", "chat.completion.chunk")
                    .put("model", model)
                    .put("choices", new JsonArray())
                    .put("usage", usageJson()).encode()));
        }
        events.append("data: [DONE]\n\n");
        // split at an awkward place so routing must reassemble events across TCP chunks
        String all = events.toString();
        int cut = all.indexOf("Hello") + 2;
        response.write(all.substring(0, cut));
        vertx.setTimer(20, id -> response.end(all.substring(cut)));
    }

    private static void cut(HttpServerRequest request, HttpServerResponse response, JsonObject body, String model) {
        response.setChunked(true).putHeader("content-type", "text/event-stream");
        response.write(event(chunk(model, new JsonObject().put("role", "assistant").put("content", "Hello"), null,
                false)));
        response.write(event(chunk(model, new JsonObject().put("content", " partial"), null, false)));
        vertx.setTimer(100, id -> request.connection().close());
    }

    private static void drip(HttpServerResponse response, JsonObject body, String model, String requestId) {
        response.setChunked(true).putHeader("content-type", "text/event-stream");
        response.closeHandler(v -> CANCELED.add(requestId));
        long[] sent = {0};
        vertx.setPeriodic(50, id -> {
            if (response.closed() || response.ended()) {
                vertx.cancelTimer(id);
                return;
            }
            if (sent[0]++ >= 200) {
                vertx.cancelTimer(id);
                response.end("data: [DONE]\n\n");
                return;
            }
            response.write(event(chunk(model, new JsonObject().put("content", "tick "), null, false)));
        });
    }

    private static String chunk(String model, JsonObject delta, String finish, boolean usageNull) {
        JsonObject chunk = new JsonObject().put("id", "chatcmpl-fake")
                .put("object", "chat.completion.chunk")
                .put("model", model)
                .put("choices", new JsonArray()
                        .add(new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finish)));
        if (usageNull) {
            // like OpenAI: every chunk carries "usage": null once usage was requested
            chunk.putNull("usage");
        }
        return chunk.encode();
    }

    private static String event(String data) {
        return "data: " + data + "\n\n";
    }

    private static JsonObject usageJson() {
        return new JsonObject().put("prompt_tokens", 12).put("completion_tokens", 5).put("total_tokens", 17);
    }

    private static String echo(JsonObject body) {
        JsonArray messages = body.getJsonArray("messages", new JsonArray());
        Object content = messages.isEmpty() ? "" : messages.getJsonObject(messages.size() - 1).getValue("content");
        return "echo: " + (content instanceof String s ? s : "[parts]");
    }
}
