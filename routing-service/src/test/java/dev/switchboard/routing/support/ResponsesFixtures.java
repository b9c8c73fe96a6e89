package dev.switchboard.routing.support;

import static dev.switchboard.routing.support.FakeUpstream.event;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Hand-written OpenAI Responses answers and event streams, shaped like api.openai.com's. */
final class ResponsesFixtures {

    static final int INPUT_TOKENS = 21;
    static final int OUTPUT_TOKENS = 6;

    private ResponsesFixtures() {
    }

    static void answer(Vertx vertx, HttpServerResponse response, JsonObject body, String model, boolean stream) {
        if ("resp-500".equals(model)) {
            FakeUpstream.error(response, 500, java.util.Map.of());
            return;
        }
        String echo = "echo: " + FakeUpstream.lastUserText(body);
        if (!stream) {
            response.putHeader("content-type", "application/json")
                    .end(response("completed", new JsonArray().add(message(echo, "completed")), usage(), model)
                            .encode());
            return;
        }
        StringBuilder events = new StringBuilder();
        int seq = 0;
        JsonObject skeleton = response("in_progress", new JsonArray(), null, model);
        events.append(event("response.created",
                new JsonObject().put("type", "response.created").put("sequence_number", seq++).put("response",
                        skeleton)));
        events.append(event("response.in_progress",
                new JsonObject().put("type", "response.in_progress").put("sequence_number", seq++).put("response",
                        skeleton)));
        events.append(event("response.output_item.added", new JsonObject().put("type", "response.output_item.added")
                .put("sequence_number", seq++)
                .put("output_index", 0)
                .put("item", new JsonObject().put("id", "msg_fake")
                        .put("type", "message")
                        .put("status", "in_progress")
                        .put("role", "assistant")
                        .put("content", new JsonArray()))));
        events.append(event("response.content_part.added", new JsonObject().put("type", "response.content_part.added")
                .put("sequence_number", seq++)
                .put("item_id", "msg_fake")
                .put("output_index", 0)
                .put("content_index", 0)
                .put("part", outputText(""))));
        for (String delta : new String[]{"Hello", " world"}) {
            events.append(event("response.output_text.delta", new JsonObject().put("type", "response.output_text.delta")
                    .put("sequence_number", seq++)
                    .put("item_id", "msg_fake")
                    .put("output_index", 0)
                    .put("content_index", 0)
                    .put("delta", delta)
                    .put("logprobs", new JsonArray())));
        }
        events.append(event("response.output_text.done", new JsonObject().put("type", "response.output_text.done")
                .put("sequence_number", seq++)
                .put("item_id", "msg_fake")
                .put("output_index", 0)
                .put("content_index", 0)
                .put("text", "Hello world")
                .put("logprobs", new JsonArray())));
        events.append(event("response.content_part.done", new JsonObject().put("type", "response.content_part.done")
                .put("sequence_number", seq++)
                .put("item_id", "msg_fake")
                .put("output_index", 0)
                .put("content_index", 0)
                .put("part", outputText("Hello world"))));
        JsonObject done = message("Hello world", "completed");
        events.append(event("response.output_item.done", new JsonObject().put("type", "response.output_item.done")
                .put("sequence_number", seq++)
                .put("output_index", 0)
                .put("item", done)));
        events.append(event("response.completed", new JsonObject().put("type", "response.completed")
                .put("sequence_number", seq)
                .put("response", response("completed", new JsonArray().add(done), usage(), model))));
        FakeUpstream.sendInTwoPieces(vertx, response, events.toString());
    }

    private static JsonObject response(String status, JsonArray output, JsonObject usage, String model) {
        JsonObject response = new JsonObject().put("id", "resp_fake")
                .put("object", "response")
                .put("created_at", 1_700_000_000)
                .put("status", status)
                .putNull("error")
                .putNull("incomplete_details")
                .putNull("instructions")
                .putNull("max_output_tokens")
                .put("model", model)
                .put("output", output)
                .put("parallel_tool_calls", true)
                .putNull("previous_response_id")
                .put("reasoning", new JsonObject().putNull("effort").putNull("summary"))
                .put("store", false)
                .put("temperature", 1.0)
                .put("text", new JsonObject().put("format", new JsonObject().put("type", "text")))
                .put("tool_choice", "auto")
                .put("tools", new JsonArray())
                .put("top_p", 1.0)
                .put("truncation", "disabled");
        if (usage == null) {
            response.putNull("usage");
        } else {
            response.put("usage", usage);
        }
        return response;
    }

    private static JsonObject message(String text, String status) {
        return new JsonObject().put("id", "msg_fake")
                .put("type", "message")
                .put("status", status)
                .put("role", "assistant")
                .put("content", new JsonArray().add(outputText(text)));
    }

    private static JsonObject outputText(String text) {
        return new JsonObject().put("type", "output_text").put("text", text).put("annotations", new JsonArray());
    }

    private static JsonObject usage() {
        return new JsonObject().put("input_tokens", INPUT_TOKENS)
                .put("input_tokens_details", new JsonObject().put("cached_tokens", 0))
                .put("output_tokens", OUTPUT_TOKENS)
                .put("output_tokens_details", new JsonObject().put("reasoning_tokens", 0))
                .put("total_tokens", INPUT_TOKENS + OUTPUT_TOKENS);
    }
}
