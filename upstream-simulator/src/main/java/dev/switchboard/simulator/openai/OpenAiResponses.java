package dev.switchboard.simulator.openai;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.simulator.http.SimDialect;
import dev.switchboard.simulator.json.JsonWriter;
import dev.switchboard.simulator.scenario.Answer;
import dev.switchboard.simulator.scenario.Answers;
import dev.switchboard.simulator.scenario.Failure;
import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.SimRequest;
import dev.switchboard.simulator.scenario.TokenCounts;
import dev.switchboard.simulator.scenario.ToolScript;

/**
 * OpenAI Responses ({@code POST /v1/responses}): the {@code response} object, and its typed SSE events numbered by
 * {@code sequence_number}. Output items: an optional {@code reasoning} item, then a {@code message} or a
 * {@code function_call}.
 */
@ApplicationScoped
public class OpenAiResponses implements SimDialect {

    private final AtomicLong ids = new AtomicLong();
    private final OpenAiChat chat;

    OpenAiResponses(OpenAiChat chat) {
        this.chat = chat;
    }

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI_RESPONSES;
    }

    @Override
    public String presentedKey(HttpServerRequest request) {
        return chat.presentedKey(request);
    }

    @Override
    public Failure unauthorized(boolean keyPresented) {
        return chat.unauthorized(keyPresented);
    }

    @Override
    public SimRequest inspect(JsonNode body) {
        if (!body.isObject()) {
            throw invalid("The request body must be a JSON object.", null);
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw invalid("You must provide a model parameter.", "model");
        }
        boolean stream = bool(body, "stream");
        Integer cap = positiveInt(body, "max_output_tokens");
        JsonNode instructions = body.get("instructions");
        Scan scan = new Scan();
        if (instructions != null && !instructions.isNull()) {
            if (!instructions.isTextual()) {
                throw invalid("Invalid type for 'instructions': expected a string.", "instructions");
            }
            scan.text(instructions.asText());
        }
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw invalid("Missing required parameter: 'input'.", "input");
        }
        if (input.isTextual()) {
            scan.text(input.asText());
            scan.lastUserText = input.asText();
            scan.script.userText(input.asText());
        } else if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                scan.item(input.get(i), i);
            }
        } else {
            throw invalid("Invalid type for 'input': expected a string or an array of input items.", "input");
        }
        return new SimRequest(model.asText(), stream, stream, TokenCounts.count(scan.text.toString()),
                scan.lastUserText,
                scan.images, cap, scan.script.step());
    }

    /**
     * One pass over the input items: prompt text (each part followed by a newline, as the gateway's estimate reads
     * it), images, the last user text and the tool script.
     */
    private static final class Scan {
        final StringBuilder text = new StringBuilder(256);
        final ToolScript script = new ToolScript();
        String lastUserText = "";
        int images;

        void text(String part) {
            text.append(part).append('\n');
        }

        void item(JsonNode item, int i) {
            if (!item.isObject()) {
                throw invalid("Invalid type for 'input[" + i + "]': expected an object.", "input[" + i + "]");
            }
            String type = item.path("type").asText("message");
            switch (type) {
                case "message" -> message(item, i);
                case "function_call" -> {
                    String name = requiredString(item, "name", i);
                    String arguments = item.path("arguments").asText("");
                    text(name + ' ' + arguments);
                    script.assistantCall(requiredString(item, "call_id", i), name);
                }
                case "function_call_output" -> {
                    String callId = requiredString(item, "call_id", i);
                    JsonNode output = item.get("output");
                    if (output != null && output.isTextual()) {
                        text(output.asText());
                    } else if (output != null && output.isArray()) {
                        parts(output, i);
                    } else {
                        throw invalid("Missing required parameter: 'input[" + i + "].output'.",
                                "input[" + i + "].output");
                    }
                    script.toolResult(callId);
                }
                case "reasoning" -> text(summary(item));
                default -> {
                    // hosted-tool items and item references: nothing the simulator reads
                }
            }
        }

        private void message(JsonNode item, int i) {
            String role = item.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant") && !role.equals("system")
                    && !role.equals("developer")) {
                throw invalid("Invalid value for 'input[" + i + "].role': expected one of user, assistant, system, "
                        + "developer.", "input[" + i + "].role");
            }
            JsonNode content = item.get("content");
            String userText;
            if (content != null && content.isTextual()) {
                text(content.asText());
                userText = content.asText();
            } else if (content != null && content.isArray()) {
                userText = parts(content, i);
            } else {
                throw invalid("Missing required parameter: 'input[" + i + "].content'.", "input[" + i + "].content");
            }
            if (role.equals("user")) {
                lastUserText = userText;
                script.userText(userText);
            }
        }

        /** @return the text parts joined by newlines */
        private String parts(JsonNode content, int i) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode part : content) {
                String type = part.path("type").asText("");
                switch (type) {
                    case "input_text", "output_text" -> {
                        String partText = part.path("text").asText("");
                        text(partText);
                        if (joined.length() > 0) {
                            joined.append('\n');
                        }
                        joined.append(partText);
                    }
                    case "input_image" -> images++;
                    case "" -> throw invalid("Missing required parameter: 'input[" + i + "].content[].type'.",
                            "input[" + i + "].content");
                    default -> {
                        // input_file, refusal: not read
                    }
                }
            }
            return joined.toString();
        }

        private static String summary(JsonNode reasoning) {
            StringBuilder summary = new StringBuilder();
            for (JsonNode part : reasoning.path("summary")) {
                if (part.path("text").isTextual()) {
                    if (summary.length() > 0) {
                        summary.append("\n\n");
                    }
                    summary.append(part.path("text").asText());
                }
            }
            return summary.toString();
        }
    }

    private static String requiredString(JsonNode item, String field, int i) {
        JsonNode value = item.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid("Missing required parameter: 'input[" + i + "]." + field + "'.",
                    "input[" + i + "]." + field);
        }
        return value.asText();
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid("Invalid type for '" + field + "': expected a boolean.", field);
        }
        return value.asBoolean();
    }

    private static Integer positiveInt(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0) {
            throw invalid("Invalid '" + field + "': expected a positive integer.", field);
        }
        return value.asInt();
    }

    private static Failure.Rejected invalid(String message, String param) {
        return Failure.invalidRequest(message, param).rejection();
    }

    // ---- rendering

    /** The ids of one answer: response, and one per output item. */
    private record Ids(String response, String reasoning, String message, String functionCall, long created) {
    }

    private Ids ids(Answer answer) {
        long n = ids.incrementAndGet();
        String call = answer.toolCall() == null ? null : "fc_sim_" + answer.toolCall().key();
        return new Ids("resp_sim_" + n, "rs_sim_" + n, "msg_sim_" + n, call, System.currentTimeMillis() / 1000);
    }

    @Override
    public Buffer completion(SimRequest request, Answer answer) {
        Ids ids = ids(answer);
        return JsonWriter.json(json -> response(json, ids, request.model(), answer, true));
    }

    /**
     * The response object: complete, or as {@code response.created} shows it (in progress, no output, no usage).
     */
    private static void response(JsonGenerator json, Ids ids, String model, Answer answer, boolean complete)
            throws IOException {
        boolean incomplete = complete && answer.stop() == Answer.Stop.MAX_TOKENS;
        json.writeStartObject();
        json.writeStringField("id", ids.response());
        json.writeStringField("object", "response");
        json.writeNumberField("created_at", ids.created());
        json.writeStringField("status", !complete ? "in_progress" : incomplete ? "incomplete" : "completed");
        json.writeNullField("error");
        if (incomplete) {
            json.writeObjectFieldStart("incomplete_details");
            json.writeStringField("reason", "max_output_tokens");
            json.writeEndObject();
        } else {
            json.writeNullField("incomplete_details");
        }
        json.writeStringField("model", model);
        json.writeArrayFieldStart("output");
        if (complete) {
            if (answer.reasoning() != null) {
                reasoningItem(json, ids, answer.reasoning());
            }
            if (answer.toolCall() != null) {
                functionCallItem(json, ids, answer.toolCall(), "completed", answer.toolCall().arguments());
            } else {
                messageItem(json, ids, incomplete ? "incomplete" : "completed", answer.text());
            }
        }
        json.writeEndArray();
        json.writeBooleanField("parallel_tool_calls", true);
        json.writeNullField("previous_response_id");
        if (complete && answer.reportUsage()) {
            json.writeObjectFieldStart("usage");
            json.writeNumberField("input_tokens", answer.promptTokens());
            json.writeObjectFieldStart("input_tokens_details");
            json.writeNumberField("cached_tokens", 0);
            json.writeEndObject();
            json.writeNumberField("output_tokens", answer.completionTokens());
            json.writeObjectFieldStart("output_tokens_details");
            json.writeNumberField("reasoning_tokens", answer.reasoningTokens());
            json.writeEndObject();
            json.writeNumberField("total_tokens", answer.totalTokens());
            json.writeEndObject();
        } else {
            json.writeNullField("usage");
        }
        json.writeEndObject();
    }

    /** @param summary the summary text, or {@code null} for the item as it is added (empty summary) */
    private static void reasoningItem(JsonGenerator json, Ids ids, String summary) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", ids.reasoning());
        json.writeStringField("type", "reasoning");
        json.writeArrayFieldStart("summary");
        if (summary != null) {
            summaryPart(json, summary);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void summaryPart(JsonGenerator json, String text) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "summary_text");
        json.writeStringField("text", text);
        json.writeEndObject();
    }

    /** @param text the text, or {@code null} for the item as it is added (no content yet) */
    private static void messageItem(JsonGenerator json, Ids ids, String status, String text) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", ids.message());
        json.writeStringField("type", "message");
        json.writeStringField("status", status);
        json.writeStringField("role", "assistant");
        json.writeArrayFieldStart("content");
        if (text != null) {
            outputText(json, text);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void outputText(JsonGenerator json, String text) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "output_text");
        json.writeStringField("text", text);
        json.writeArrayFieldStart("annotations");
        json.writeEndArray();
        json.writeArrayFieldStart("logprobs");
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void functionCallItem(JsonGenerator json, Ids ids, Answer.ToolCall call, String status,
            String arguments) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", ids.functionCall());
        json.writeStringField("type", "function_call");
        json.writeStringField("status", status);
        json.writeStringField("arguments", arguments);
        json.writeStringField("call_id", OpenAiChat.callId(call));
        json.writeStringField("name", call.name());
        json.writeEndObject();
    }

    /** Typed events, each {@code event: <type>} with {@code type} and {@code sequence_number} in its data. */
    private static final class Events {
        final List<Buffer> list = new ArrayList<>(Answers.MAX_PIECES * 2 + 16);

        void add(String type, JsonWriter.Body fields) {
            int sequence = list.size();
            list.add(JsonWriter.sse(type, json -> {
                json.writeStartObject();
                json.writeStringField("type", type);
                json.writeNumberField("sequence_number", sequence);
                fields.write(json);
                json.writeEndObject();
            }));
        }
    }

    @Override
    public List<Buffer> streamEvents(SimRequest request, Answer answer) {
        Ids ids = ids(answer);
        String model = request.model();
        Events events = new Events();
        events.add("response.created", json -> {
            json.writeFieldName("response");
            response(json, ids, model, answer, false);
        });
        events.add("response.in_progress", json -> {
            json.writeFieldName("response");
            response(json, ids, model, answer, false);
        });
        int outputIndex = 0;
        if (answer.reasoning() != null) {
            reasoningEvents(events, ids, outputIndex++, answer.reasoning());
        }
        if (answer.toolCall() != null) {
            functionCallEvents(events, ids, outputIndex, answer.toolCall());
        } else {
            messageEvents(events, ids, outputIndex, answer);
        }
        String terminal = answer.stop() == Answer.Stop.MAX_TOKENS ? "response.incomplete" : "response.completed";
        events.add(terminal, json -> {
            json.writeFieldName("response");
            response(json, ids, model, answer, true);
        });
        return events.list;
    }

    private static void reasoningEvents(Events events, Ids ids, int outputIndex, String summary) {
        events.add("response.output_item.added", json -> {
            json.writeNumberField("output_index", outputIndex);
            json.writeFieldName("item");
            reasoningItem(json, ids, null);
        });
        JsonWriter.Body at = json -> {
            json.writeStringField("item_id", ids.reasoning());
            json.writeNumberField("output_index", outputIndex);
            json.writeNumberField("summary_index", 0);
        };
        events.add("response.reasoning_summary_part.added", json -> {
            at.write(json);
            json.writeFieldName("part");
            summaryPart(json, "");
        });
        for (String piece : Answers.pieces(summary)) {
            events.add("response.reasoning_summary_text.delta", json -> {
                at.write(json);
                json.writeStringField("delta", piece);
            });
        }
        events.add("response.reasoning_summary_text.done", json -> {
            at.write(json);
            json.writeStringField("text", summary);
        });
        events.add("response.reasoning_summary_part.done", json -> {
            at.write(json);
            json.writeFieldName("part");
            summaryPart(json, summary);
        });
        events.add("response.output_item.done", json -> {
            json.writeNumberField("output_index", outputIndex);
            json.writeFieldName("item");
            reasoningItem(json, ids, summary);
        });
    }

    private static void messageEvents(Events events, Ids ids, int outputIndex, Answer answer) {
        String text = answer.text();
        String status = answer.stop() == Answer.Stop.MAX_TOKENS ? "incomplete" : "completed";
        events.add("response.output_item.added", json -> {
            json.writeNumberField("output_index", outputIndex);
            json.writeFieldName("item");
            messageItem(json, ids, "in_progress", null);
        });
        JsonWriter.Body at = json -> {
            json.writeStringField("item_id", ids.message());
            json.writeNumberField("output_index", outputIndex);
            json.writeNumberField("content_index", 0);
        };
        events.add("response.content_part.added", json -> {
            at.write(json);
            json.writeFieldName("part");
            outputText(json, "");
        });
        for (String piece : Answers.pieces(text)) {
            events.add("response.output_text.delta", json -> {
                at.write(json);
                json.writeStringField("delta", piece);
                json.writeArrayFieldStart("logprobs");
                json.writeEndArray();
            });
        }
        events.add("response.output_text.done", json -> {
            at.write(json);
            json.writeStringField("text", text);
            json.writeArrayFieldStart("logprobs");
            json.writeEndArray();
        });
        events.add("response.content_part.done", json -> {
            at.write(json);
            json.writeFieldName("part");
            outputText(json, text);
        });
        events.add("response.output_item.done", json -> {
            json.writeNumberField("output_index", outputIndex);
            json.writeFieldName("item");
            messageItem(json, ids, status, text);
        });
    }

    private static void functionCallEvents(Events events, Ids ids, int outputIndex, Answer.ToolCall call) {
        events.add("response.output_item.added", json -> {
            json.writeNumberField("output_index", outputIndex);
            json.writeFieldName("item");
            functionCallItem(json, ids, call, "in_progress", "");
        });
        JsonWriter.Body at = json -> {
            json.writeStringField("item_id", ids.functionCall());
            json.writeNumberField("output_index", outputIndex);
        };
        for (String piece : Answers.argumentPieces(call.arguments())) {
            events.add("response.function_call_arguments.delta", json -> {
                at.write(json);
                json.writeStringField("delta", piece);
            });
        }
        events.add("response.function_call_arguments.done", json -> {
            at.write(json);
            json.writeStringField("name", call.name());
            json.writeStringField("arguments", call.arguments());
        });
        events.add("response.output_item.done", json -> {
            json.writeNumberField("output_index", outputIndex);
            json.writeFieldName("item");
            functionCallItem(json, ids, call, "completed", call.arguments());
        });
    }

    /** Enough for the first text delta of a plain answer: created, in_progress, item, part, delta. */
    @Override
    public int partialEvents() {
        return 5;
    }

    /** Responses' in-stream {@code error} event (the stream then ends without {@code response.completed}). */
    @Override
    public Buffer streamError(SimRequest request, Failure failure, int eventsSent) {
        return JsonWriter.sse("error", json -> {
            json.writeStartObject();
            json.writeStringField("type", "error");
            json.writeNumberField("sequence_number", eventsSent);
            json.writeStringField("code", OpenAiErrors.code(failure) != null
                    ? OpenAiErrors.code(failure)
                    : OpenAiErrors.type(failure));
            json.writeStringField("message", failure.message());
            json.writeStringField("param", failure.param());
            json.writeEndObject();
        });
    }

    @Override
    public Buffer error(Failure failure) {
        return OpenAiErrors.body(failure);
    }

    @Override
    public Buffer models(Collection<Scenario> scenarios) {
        return chat.models(scenarios);
    }
}
