package dev.switchboard.model.canonical;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.dialect.Dialect;

/**
 * A generation request in no particular dialect. Every codec decodes into it and encodes from it; a request decoded
 * from dialect D and encoded back into D keeps its meaning, unknown fields included ({@link #extensions()}).
 *
 * <p>
 * JSON values ({@code metadata}, schemas, extension fields) are shared with the decoded body: read-only.
 * {@code toString()} is content-free.
 *
 * @param source the dialect the request was decoded from, {@code null} when built by hand
 * @param model requested model (group or, once routed, provider model), {@code null} when absent
 * @param instructions the system prompt ({@code system}, Responses {@code instructions}, leading Chat system messages)
 * @param parallelToolCalls {@code null} when the caller left it to the provider
 * @param outputCap {@code null} when the caller set no cap
 * @param includeUsage the caller wants usage in the stream (always true for dialects that stream it unasked)
 * @param metadata OpenAI string-to-string metadata, or {@code null}
 * @param user end-user identifier (OpenAI {@code user}, Anthropic {@code metadata.user_id}), or {@code null}
 * @param extensions top-level fields of the source dialect the model does not represent
 */
public record CanonicalRequest(
        Dialect source,
        String model,
        List<ContentPart> instructions,
        List<Message> messages,
        List<Tool> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        OutputCap outputCap,
        Double temperature,
        Double topP,
        List<String> stopSequences,
        boolean stream,
        boolean includeUsage,
        OutputFormat outputFormat,
        Reasoning reasoning,
        ObjectNode metadata,
        String user,
        Extensions extensions) {

    public CanonicalRequest {
        instructions = instructions == null ? List.of() : List.copyOf(instructions);
        messages = messages == null ? List.of() : List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
        extensions = extensions == null ? Extensions.NONE : extensions;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The same request for another model, e.g. the provider model routing chose. */
    public CanonicalRequest withModel(String newModel) {
        return toBuilder().model(newModel).build();
    }

    /** The same request with another cap or cap spelling, as a target requires. */
    public CanonicalRequest withOutputCap(OutputCap cap) {
        return toBuilder().outputCap(cap).build();
    }

    /** Function tools only: hosted tools are not counted. */
    public int functionToolCount() {
        int count = 0;
        for (Tool tool : tools) {
            if (tool instanceof Tool.FunctionTool) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "CanonicalRequest[source=" + source + ", model=" + model + ", messages=" + messages.size() + ", tools="
                + tools.size() + ", stream=" + stream + "]";
    }

    /** Mutable assembly of a request; decoders fill it in one pass over the body. */
    public static final class Builder {
        private Dialect source;
        private String model;
        private List<ContentPart> instructions = new ArrayList<>();
        private List<Message> messages = new ArrayList<>();
        private List<Tool> tools = new ArrayList<>();
        private ToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private OutputCap outputCap;
        private Double temperature;
        private Double topP;
        private List<String> stopSequences = List.of();
        private boolean stream;
        private boolean includeUsage;
        private OutputFormat outputFormat;
        private Reasoning reasoning;
        private ObjectNode metadata;
        private String user;
        private Extensions extensions = Extensions.NONE;

        private Builder() {
        }

        private Builder(CanonicalRequest r) {
            source = r.source;
            model = r.model;
            instructions = r.instructions;
            messages = r.messages;
            tools = r.tools;
            toolChoice = r.toolChoice;
            parallelToolCalls = r.parallelToolCalls;
            outputCap = r.outputCap;
            temperature = r.temperature;
            topP = r.topP;
            stopSequences = r.stopSequences;
            stream = r.stream;
            includeUsage = r.includeUsage;
            outputFormat = r.outputFormat;
            reasoning = r.reasoning;
            metadata = r.metadata;
            user = r.user;
            extensions = r.extensions;
        }

        public Builder source(Dialect value) {
            source = value;
            return this;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder instructions(List<ContentPart> value) {
            instructions = value;
            return this;
        }

        public Builder messages(List<Message> value) {
            messages = value;
            return this;
        }

        public Builder tools(List<Tool> value) {
            tools = value;
            return this;
        }

        public Builder toolChoice(ToolChoice value) {
            toolChoice = value;
            return this;
        }

        public Builder parallelToolCalls(Boolean value) {
            parallelToolCalls = value;
            return this;
        }

        public Builder outputCap(OutputCap value) {
            outputCap = value;
            return this;
        }

        public Builder temperature(Double value) {
            temperature = value;
            return this;
        }

        public Builder topP(Double value) {
            topP = value;
            return this;
        }

        public Builder stopSequences(List<String> value) {
            stopSequences = value;
            return this;
        }

        public Builder stream(boolean value) {
            stream = value;
            return this;
        }

        public Builder includeUsage(boolean value) {
            includeUsage = value;
            return this;
        }

        public Builder outputFormat(OutputFormat value) {
            outputFormat = value;
            return this;
        }

        public Builder reasoning(Reasoning value) {
            reasoning = value;
            return this;
        }

        public Builder metadata(ObjectNode value) {
            metadata = value;
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder extensions(Extensions value) {
            extensions = value;
            return this;
        }

        public CanonicalRequest build() {
            return new CanonicalRequest(source, model, instructions, messages, tools, toolChoice, parallelToolCalls,
                    outputCap, temperature, topP, stopSequences, stream, includeUsage, outputFormat, reasoning,
                    metadata, user, extensions);
        }
    }
}
