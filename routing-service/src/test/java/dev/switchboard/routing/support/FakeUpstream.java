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
 * A scripted upstream for routing tests that speaks the three dialects, chosen by path: {@code …/chat/completions}
 * (OpenAI Chat), {@code …/responses} (OpenAI Responses) and {@code …/messages} (Anthropic Messages). The behaviour is
 * chosen by the (rewritten) upstream model id in the body; every request is recorded with its path, headers and body
 * so tests can assert what routing sent. Answers echo the last user text, so tests can see the prompt arrived.
 */
public final class FakeUpstream {

    /** Appears in upstream error bodies; must never reach a caller, a log or an event. */
    public static final String UPSTREAM_SECRET = "UPSTREAM-SECRET-DETAIL";

    public record Seen(String model, MultiMap headers, JsonObject body, String path) {
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
            String path = request.path();
            SEEN.add(new Seen(model, headers, body, path));
            HttpServerResponse response = request.response();
            boolean stream = body.getBoolean("stream", false);
            if (path.endsWith("/responses")) {
                ResponsesFixtures.answer(vertx, response, body, model, stream);
            } else if (path.endsWith("/messages")) {
                AnthropicFixtures.answer(vertx, response, body, model, stream);
            } else if (path.endsWith("/chat/completions")) {
                chat(request, response, body, model, headers, stream);
            } else {
                response.setStatusCode(404).end();
            }
        });
    }

    private static void chat(HttpServerRequest request, HttpServerResponse response, JsonObject body, String model,
            MultiMap headers, boolean stream) {
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
            case "up-stream-cut" -> cut(request, response, model);
            case "up-stream-drip" -> drip(response, model, headers.get("x-request-id"));
            case "up-stream-burst" -> burst(response, model);
            case "up-tool" -> toolCall(response, body, model, stream);
            default -> answer(response, body, model, stream);
        }
    }

    static void error(HttpServerResponse response, int status, Map<String, String> headers) {
        headers.forEach(response::putHeader);
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", new JsonObject().put("message", "failure " + UPSTREAM_SECRET)
                        .put("type", "upstream_error")).encode());
    }

    private static void answer(HttpServerResponse response, JsonObject body, String model, boolean stream) {
        boolean usage = !"up-no-usage".equals(model);
        if (!stream) {
            JsonObject answer = completion(model,
                    new JsonObject().put("role", "assistant").put("content", "echo: " + lastUserText(body)), "stop");
            if (usage) {
                answer.put("usage", usageJson());
            }
            response.putHeader("content-type", "application/json").end(answer.encode());
            return;
        }
        boolean includeUsage = usage
                && body.getJsonObject("stream_options", new JsonObject()).getBoolean("include_usage", false);
        StringBuilder events = new StringBuilder();
        events.append(event(chunk(model, new JsonObject().put("role", "assistant").put("content", ""), null,
                includeUsage)));
        events.append(event(chunk(model, new JsonObject().put("content", "Hello"), null, includeUsage)));
        events.append(event(chunk(model, new JsonObject().put("content", " world"), null, includeUsage)));
        events.append(event(chunk(model, new JsonObject(), "stop", includeUsage)));
        finishStream(response, model, includeUsage, events);
    }

    /**
     * Calls the first offered tool with {@code {"city":"Paris"}}, unless the conversation already ends with a tool
     * result: then it answers with that result.
     */
    private static void toolCall(HttpServerResponse response, JsonObject body, String model, boolean stream) {
        JsonArray messages = body.getJsonArray("messages", new JsonArray());
        JsonObject last = messages.isEmpty() ? new JsonObject() : messages.getJsonObject(messages.size() - 1);
        if ("tool".equals(last.getString("role"))) {
            JsonObject message = new JsonObject().put("role", "assistant")
                    .put("content", "tool said: " + text(last.getValue("content")));
            response.putHeader("content-type", "application/json")
                    .end(completion(model, message, "stop").put("usage", usageJson()).encode());
            return;
        }
        String name = body.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name");
        if (!stream) {
            JsonObject message = new JsonObject().put("role", "assistant")
                    .putNull("content")
                    .put("tool_calls", new JsonArray().add(new JsonObject().put("id", "call_w1")
                            .put("type", "function")
                            .put("function", new JsonObject().put("name", name)
                                    .put("arguments", "{\"city\":\"Paris\"}"))));
            response.putHeader("content-type", "application/json")
                    .end(completion(model, message, "tool_calls").put("usage", usageJson()).encode());
            return;
        }
        StringBuilder events = new StringBuilder();
        events.append(event(chunk(model, new JsonObject().put("role", "assistant").putNull("content"), null, true)));
        events.append(event(chunk(model, new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject()
                .put("index", 0)
                .put("id", "call_w1")
                .put("type", "function")
                .put("function", new JsonObject().put("name", name).put("arguments", "")))), null, true)));
        for (String fragment : List.of("{\"city\"", ":\"Paris\"}")) {
            events.append(event(chunk(model, new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject()
                    .put("index", 0)
                    .put("function", new JsonObject().put("arguments", fragment)))), null, true)));
        }
        events.append(event(chunk(model, new JsonObject(), "tool_calls", true)));
        finishStream(response, model, true, events);
    }

    private static void finishStream(HttpServerResponse response, String model, boolean includeUsage,
            StringBuilder events) {
        if (includeUsage) {
            events.append(event(new JsonObject().put("id", "chatcmpl-fake")
                    .put("object", "chat.completion.chunk")
                    .put("created", 1_700_000_000)
                    .put("model", model)
                    .put("choices", new JsonArray())
                    .put("usage", usageJson()).encode()));
        }
        events.append("data: [DONE]\n\n");
        sendInTwoPieces(vertx, response, events.toString());
    }

    /** Splits at an awkward place so routing must reassemble events across TCP chunks. */
    static void sendInTwoPieces(Vertx vertx, HttpServerResponse response, String all) {
        response.setChunked(true).putHeader("content-type", "text/event-stream");
        int cut = all.indexOf("Hello") > 0 ? all.indexOf("Hello") + 2 : all.length() / 2;
        response.write(all.substring(0, cut));
        vertx.setTimer(20, id -> response.end(all.substring(cut)));
    }

    private static void cut(HttpServerRequest request, HttpServerResponse response, String model) {
        response.setChunked(true).putHeader("content-type", "text/event-stream");
        response.write(event(chunk(model, new JsonObject().put("role", "assistant").put("content", "Hello"), null,
                false)));
        response.write(event(chunk(model, new JsonObject().put("content", " partial"), null, false)));
        vertx.setTimer(100, id -> request.connection().close());
    }

    /** Twelve events written at once, each in its own HTTP chunk, as the simulator and many providers do. */
    private static void burst(HttpServerResponse response, String model) {
        response.setChunked(true).putHeader("content-type", "text/event-stream");
        response.write(event(chunk(model, new JsonObject().put("role", "assistant").put("content", ""), null, false)));
        for (int i = 0; i < 10; i++) {
            response.write(event(chunk(model, new JsonObject().put("content", "word" + i + " "), null, false)));
        }
        response.write(event(chunk(model, new JsonObject(), "stop", false)));
        response.end("data: [DONE]\n\n");
    }

    private static void drip(HttpServerResponse response, String model, String requestId) {
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

    private static JsonObject completion(String model, JsonObject message, String finish) {
        return new JsonObject().put("id", "chatcmpl-fake")
                .put("object", "chat.completion")
                .put("created", 1_700_000_000)
                .put("model", model)
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                        .put("message", message)
                        .putNull("logprobs")
                        .put("finish_reason", finish)));
    }

    private static String chunk(String model, JsonObject delta, String finish, boolean usageNull) {
        JsonObject chunk = new JsonObject().put("id", "chatcmpl-fake")
                .put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000)
                .put("model", model)
                .put("choices", new JsonArray()
                        .add(new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finish)));
        if (usageNull) {
            // like OpenAI: every chunk carries "usage": null once usage was requested
            chunk.putNull("usage");
        }
        return chunk.encode();
    }

    static String event(String data) {
        return "data: " + data + "\n\n";
    }

    static String event(String name, JsonObject data) {
        return "event: " + name + "\ndata: " + data.encode() + "\n\n";
    }

    private static JsonObject usageJson() {
        return new JsonObject().put("prompt_tokens", 12).put("completion_tokens", 5).put("total_tokens", 17);
    }

    /** The text of the last user turn, in whichever dialect the body is. */
    static String lastUserText(JsonObject body) {
        if (body.containsKey("input")) {
            Object input = body.getValue("input");
            if (input instanceof String s) {
                return s;
            }
            JsonArray items = (JsonArray) input;
            for (int i = items.size() - 1; i >= 0; i--) {
                JsonObject item = items.getJsonObject(i);
                if ("user".equals(item.getString("role"))) {
                    return text(item.getValue("content"));
                }
            }
            return "";
        }
        JsonArray messages = body.getJsonArray("messages", new JsonArray());
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonObject message = messages.getJsonObject(i);
            if ("user".equals(message.getString("role"))) {
                return text(message.getValue("content"));
            }
        }
        return "";
    }

    /** A string, or the text of the text parts/blocks of any dialect joined. */
    static String text(Object content) {
        if (content instanceof String s) {
            return s;
        }
        if (!(content instanceof JsonArray parts)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            JsonObject part = parts.getJsonObject(i);
            if (part.getValue("text") instanceof String s) {
                text.append(s);
            } else if ("tool_result".equals(part.getString("type"))) {
                text.append(text(part.getValue("content")));
            }
        }
        return text.toString();
    }
}
