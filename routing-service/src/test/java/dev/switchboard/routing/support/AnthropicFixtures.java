package dev.switchboard.routing.support;

import static dev.switchboard.routing.support.FakeUpstream.event;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Hand-written Anthropic Messages answers and event streams, shaped like api.anthropic.com's. */
final class AnthropicFixtures {

    /** Uncached input; with the cache reads below the canonical input is 34. */
    static final int INPUT_TOKENS = 30;
    static final int CACHE_READ_TOKENS = 4;
    static final int OUTPUT_TOKENS = 7;

    private AnthropicFixtures() {
    }

    static void answer(Vertx vertx, HttpServerResponse response, JsonObject body, String model, boolean stream) {
        switch (model) {
            case "claude-overloaded" -> response.setStatusCode(529)
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("type", "error")
                            .put("error", new JsonObject().put("type", "overloaded_error")
                                    .put("message", "Overloaded " + FakeUpstream.UPSTREAM_SECRET))
                            .encode());
            case "claude-tool" -> tool(vertx, response, body, model, stream);
            case "claude-stream-error" -> streamError(vertx, response, model);
            default -> text(vertx, response, "echo: " + FakeUpstream.lastUserText(body), model, stream);
        }
    }

    private static void text(Vertx vertx, HttpServerResponse response, String text, String model, boolean stream) {
        if (!stream) {
            JsonArray content = new JsonArray().add(new JsonObject().put("type", "text").put("text", text));
            response.putHeader("content-type", "application/json")
                    .end(message(model, content, "end_turn", usage(OUTPUT_TOKENS)).encode());
            return;
        }
        StringBuilder events = new StringBuilder();
        events.append(start(model));
        events.append(event("content_block_start", new JsonObject().put("type", "content_block_start")
                .put("index", 0)
                .put("content_block", new JsonObject().put("type", "text").put("text", ""))));
        events.append(event("ping", new JsonObject().put("type", "ping")));
        for (String delta : new String[]{"Hello", " world"}) {
            events.append(event("content_block_delta", new JsonObject().put("type", "content_block_delta")
                    .put("index", 0)
                    .put("delta", new JsonObject().put("type", "text_delta").put("text", delta))));
        }
        events.append(event("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0)));
        events.append(end("end_turn"));
        FakeUpstream.sendInTwoPieces(vertx, response, events.toString());
    }

    /**
     * Calls the first offered tool with {@code {"city":"Paris"}}, unless the last user turn carries a tool result:
     * then it answers with that result.
     */
    private static void tool(Vertx vertx, HttpServerResponse response, JsonObject body, String model,
            boolean stream) {
        JsonArray messages = body.getJsonArray("messages");
        Object lastContent = messages.getJsonObject(messages.size() - 1).getValue("content");
        if (lastContent instanceof JsonArray blocks && blocks.stream()
                .anyMatch(b -> "tool_result".equals(((JsonObject) b).getString("type")))) {
            text(vertx, response, "tool said: " + FakeUpstream.text(lastContent), model, stream);
            return;
        }
        String name = body.getJsonArray("tools").getJsonObject(0).getString("name");
        if (!stream) {
            JsonArray content = new JsonArray().add(new JsonObject().put("type", "text").put("text", "Checking."))
                    .add(new JsonObject().put("type", "tool_use")
                            .put("id", "toolu_01A")
                            .put("name", name)
                            .put("input", new JsonObject().put("city", "Paris")));
            response.putHeader("content-type", "application/json")
                    .end(message(model, content, "tool_use", usage(OUTPUT_TOKENS)).encode());
            return;
        }
        StringBuilder events = new StringBuilder();
        events.append(start(model));
        events.append(event("content_block_start", new JsonObject().put("type", "content_block_start")
                .put("index", 0)
                .put("content_block", new JsonObject().put("type", "tool_use")
                        .put("id", "toolu_01A")
                        .put("name", name)
                        .put("input", new JsonObject()))));
        for (String fragment : new String[]{"{\"city\": ", "\"Paris\"}"}) {
            events.append(event("content_block_delta", new JsonObject().put("type", "content_block_delta")
                    .put("index", 0)
                    .put("delta", new JsonObject().put("type", "input_json_delta").put("partial_json", fragment))));
        }
        events.append(event("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0)));
        events.append(end("tool_use"));
        FakeUpstream.sendInTwoPieces(vertx, response, events.toString());
    }

    /** Starts answering, then reports an overload inside the stream. */
    private static void streamError(Vertx vertx, HttpServerResponse response, String model) {
        String events = start(model)
                + event("content_block_start", new JsonObject().put("type", "content_block_start")
                        .put("index", 0)
                        .put("content_block", new JsonObject().put("type", "text").put("text", "")))
                + event("content_block_delta", new JsonObject().put("type", "content_block_delta")
                        .put("index", 0)
                        .put("delta", new JsonObject().put("type", "text_delta").put("text", "Hello")))
                + event("error", new JsonObject().put("type", "error")
                        .put("error", new JsonObject().put("type", "overloaded_error")
                                .put("message", "Overloaded " + FakeUpstream.UPSTREAM_SECRET)));
        FakeUpstream.sendInTwoPieces(vertx, response, events);
    }

    private static String start(String model) {
        JsonObject message = message(model, new JsonArray(), null, usage(1));
        return event("message_start", new JsonObject().put("type", "message_start").put("message", message));
    }

    private static String end(String stopReason) {
        return event("message_delta", new JsonObject().put("type", "message_delta")
                .put("delta", new JsonObject().put("stop_reason", stopReason).putNull("stop_sequence"))
                .put("usage", new JsonObject().put("output_tokens", OUTPUT_TOKENS)))
                + event("message_stop", new JsonObject().put("type", "message_stop"));
    }

    private static JsonObject message(String model, JsonArray content, String stopReason, JsonObject usage) {
        JsonObject message = new JsonObject().put("id", "msg_01Fake")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model)
                .put("content", content)
                .putNull("stop_sequence")
                .put("usage", usage);
        if (stopReason == null) {
            message.putNull("stop_reason");
        } else {
            message.put("stop_reason", stopReason);
        }
        return message;
    }

    private static JsonObject usage(int outputTokens) {
        return new JsonObject().put("input_tokens", INPUT_TOKENS)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", CACHE_READ_TOKENS)
                .put("output_tokens", outputTokens);
    }
}
