package dev.switchboard.simulator.openai;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import dev.switchboard.model.dialect.ChatCompletions;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.dialect.RequestFacts;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.simulator.http.SimDialect;
import dev.switchboard.simulator.http.SimHeaders;
import dev.switchboard.simulator.json.JsonWriter;
import dev.switchboard.simulator.scenario.Answer;
import dev.switchboard.simulator.scenario.Answers;
import dev.switchboard.simulator.scenario.Failure;
import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.SimRequest;
import dev.switchboard.simulator.scenario.TokenCounts;
import dev.switchboard.simulator.scenario.ToolScript;

/** OpenAI Chat Completions ({@code POST /v1/chat/completions}), non-streaming and SSE, shaped as the real API. */
@ApplicationScoped
public class OpenAiChat implements SimDialect {

    private static final String BEARER = "bearer ";
    private static final String DONE = "[DONE]";

    private final AtomicLong ids = new AtomicLong();

    @Override
    public String presentedKey(HttpServerRequest request) {
        return bearerToken(request.getHeader(SimHeaders.AUTHORIZATION));
    }

    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    @Override
    public Failure unauthorized(boolean keyPresented) {
        return Failure.unauthorized(keyPresented
                ? "Incorrect API key provided."
                : "You didn't provide an API key. Send it in the Authorization header as 'Bearer <key>'.");
    }

    @Override
    public SimRequest inspect(JsonNode body) {
        if (!body.isObject()) {
            throw Failure.invalidRequest("The request body must be a JSON object.", null).rejection();
        }
        RequestFacts facts;
        try {
            // the gateway's own inspector: same validation; prompt_tokens is its exact count of the same text
            facts = ChatCompletions.inspect((ObjectNode) body);
        } catch (GatewayError.Failure e) {
            Object field = e.error().details().get("field");
            throw Failure.invalidRequest(e.error().message(), field == null ? null : field.toString()).rejection();
        }
        if (facts.model() == null || facts.model().isBlank()) {
            throw Failure.invalidRequest("You must provide a model parameter.", "model").rejection();
        }
        JsonNode messages = body.get("messages");
        return new SimRequest(facts.model(), facts.stream(), facts.includeUsage(),
                TokenCounts.count(ChatCompletions.inputText((ObjectNode) body)),
                lastUserText(messages), facts.imageCount(), facts.maxOutputTokens(), toolStep(messages));
    }

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI_CHAT;
    }

    /** User texts, assistant {@code tool_calls} and {@code role: tool} results, in order. */
    static ToolScript.Step toolStep(JsonNode messages) {
        ToolScript script = new ToolScript();
        for (JsonNode message : messages) {
            switch (message.path("role").asText()) {
                case "user" -> script.userText(text(message.get("content")));
                case "assistant" -> {
                    for (JsonNode call : message.path("tool_calls")) {
                        script.assistantCall(call.path("id").asText(null), call.path("function").path("name")
                                .asText(null));
                    }
                }
                case "tool" -> script.toolResult(message.path("tool_call_id").asText(null));
                default -> {
                    // system and developer prompts never hold the script
                }
            }
        }
        return script.step();
    }

    static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asText())) {
                return text(message.get("content"));
            }
        }
        return "";
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    @Override
    public Buffer completion(SimRequest request, Answer answer) {
        String id = nextId();
        long created = nowSeconds();
        return JsonWriter.json(json -> {
            json.writeStartObject();
            head(json, id, "chat.completion", created, request.model());
            json.writeArrayFieldStart("choices");
            json.writeStartObject();
            json.writeNumberField("index", 0);
            json.writeObjectFieldStart("message");
            json.writeStringField("role", "assistant");
            json.writeStringField("content", answer.text());
            if (answer.reasoning() != null) {
                json.writeStringField("reasoning_content", answer.reasoning());
            }
            if (answer.toolCall() != null) {
                json.writeArrayFieldStart("tool_calls");
                json.writeStartObject();
                json.writeStringField("id", callId(answer.toolCall()));
                json.writeStringField("type", "function");
                json.writeObjectFieldStart("function");
                json.writeStringField("name", answer.toolCall().name());
                json.writeStringField("arguments", answer.toolCall().arguments());
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndArray();
            }
            json.writeNullField("refusal");
            json.writeEndObject();
            json.writeNullField("logprobs");
            json.writeStringField("finish_reason", finishReason(answer));
            json.writeEndObject();
            json.writeEndArray();
            if (answer.reportUsage()) {
                usage(json, answer);
            }
            json.writeEndObject();
        });
    }

    @Override
    public List<Buffer> streamEvents(SimRequest request, Answer answer) {
        String id = nextId();
        long created = nowSeconds();
        String model = request.model();
        // with include_usage OpenAI sends "usage": null on every chunk and the numbers in one extra chunk
        boolean usageField = request.includeUsage();
        List<Buffer> events = new ArrayList<>(Answers.MAX_PIECES + 8);
        Answer.ToolCall call = answer.toolCall();
        events.add(chunk(id, created, model, usageField, json -> {
            json.writeStringField("role", "assistant");
            json.writeStringField("content", call == null ? "" : null);
        }, null));
        for (String piece : Answers.pieces(answer.reasoning())) {
            events.add(chunk(id, created, model, usageField, json -> json.writeStringField("reasoning_content", piece),
                    null));
        }
        for (String piece : Answers.pieces(answer.text())) {
            events.add(chunk(id, created, model, usageField, json -> json.writeStringField("content", piece), null));
        }
        if (call != null) {
            events.add(chunk(id, created, model, usageField, json -> toolCallDelta(json, callId(call), call.name(), ""),
                    null));
            for (String piece : Answers.argumentPieces(call.arguments())) {
                events.add(chunk(id, created, model, usageField, json -> toolCallDelta(json, null, null, piece), null));
            }
        }
        events.add(chunk(id, created, model, usageField, json -> {
        }, finishReason(answer)));
        if (request.includeUsage() && answer.reportUsage()) {
            events.add(JsonWriter.sse(json -> {
                json.writeStartObject();
                head(json, id, "chat.completion.chunk", created, model);
                json.writeArrayFieldStart("choices");
                json.writeEndArray();
                usage(json, answer);
                json.writeEndObject();
            }));
        }
        events.add(JsonWriter.sseLiteral(DONE));
        return events;
    }

    /** One {@code tool_calls} delta: the first carries id, type and name; the others only argument fragments. */
    private static void toolCallDelta(JsonGenerator json, String id, String name, String arguments)
            throws IOException {
        json.writeArrayFieldStart("tool_calls");
        json.writeStartObject();
        json.writeNumberField("index", 0);
        if (id != null) {
            json.writeStringField("id", id);
            json.writeStringField("type", "function");
        }
        json.writeObjectFieldStart("function");
        if (name != null) {
            json.writeStringField("name", name);
        }
        json.writeStringField("arguments", arguments);
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
    }

    static String callId(Answer.ToolCall call) {
        return "call_sim_" + call.key();
    }

    private static String finishReason(Answer answer) {
        return switch (answer.stop()) {
            case END -> "stop";
            case TOOL_CALL -> "tool_calls";
            case MAX_TOKENS -> "length";
        };
    }

    private static Buffer chunk(String id, long created, String model, boolean usageField, JsonWriter.Body delta,
            String finishReason) {
        return JsonWriter.sse(json -> {
            json.writeStartObject();
            head(json, id, "chat.completion.chunk", created, model);
            json.writeArrayFieldStart("choices");
            json.writeStartObject();
            json.writeNumberField("index", 0);
            json.writeObjectFieldStart("delta");
            delta.write(json);
            json.writeEndObject();
            json.writeNullField("logprobs");
            json.writeStringField("finish_reason", finishReason);
            json.writeEndObject();
            json.writeEndArray();
            if (usageField) {
                json.writeNullField("usage");
            }
            json.writeEndObject();
        });
    }

    @Override
    public Buffer streamError(SimRequest request, Failure failure, int eventsSent) {
        return OpenAiErrors.event(failure);
    }

    @Override
    public Buffer error(Failure failure) {
        return OpenAiErrors.body(failure);
    }

    @Override
    public Buffer models(Collection<Scenario> scenarios) {
        return JsonWriter.json(json -> {
            json.writeStartObject();
            json.writeStringField("object", "list");
            json.writeArrayFieldStart("data");
            for (Scenario scenario : scenarios) {
                json.writeStartObject();
                json.writeStringField("id", scenario.name());
                json.writeStringField("object", "model");
                json.writeNumberField("created", 0);
                json.writeStringField("owned_by", "switchboard-simulator");
                json.writeStringField("description", scenario.summary());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void head(JsonGenerator json, String id, String object, long created, String model)
            throws IOException {
        json.writeStringField("id", id);
        json.writeStringField("object", object);
        json.writeNumberField("created", created);
        json.writeStringField("model", model);
        json.writeNullField("system_fingerprint");
    }

    private static void usage(JsonGenerator json, Answer answer) throws IOException {
        json.writeObjectFieldStart("usage");
        json.writeNumberField("prompt_tokens", answer.promptTokens());
        json.writeNumberField("completion_tokens", answer.completionTokens());
        json.writeNumberField("total_tokens", answer.totalTokens());
        json.writeObjectFieldStart("completion_tokens_details");
        json.writeNumberField("reasoning_tokens", answer.reasoningTokens());
        json.writeEndObject();
        json.writeEndObject();
    }

    private String nextId() {
        return "chatcmpl-sim-" + ids.incrementAndGet();
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
