package dev.switchboard.model.canonical;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.dialect.Dialect;

/** A tool the caller offers the model. The gateway never runs tools; the client does. */
public sealed interface Tool {

    /**
     * A function the client implements.
     *
     * @param parameters JSON schema of the arguments, or {@code null} for none
     * @param strict strict schema adherence, already resolved against the source dialect's default
     */
    record FunctionTool(String name, String description, JsonNode parameters, boolean strict, Extensions extensions)
            implements
                Tool {
        public FunctionTool {
            extensions = extensions == null ? Extensions.NONE : extensions;
        }

        /** Name only: descriptions and schemas are caller content. */
        @Override
        public String toString() {
            return "FunctionTool[" + name + "]";
        }
    }

    /**
     * A provider-hosted or built-in tool (Responses {@code web_search}, Anthropic {@code bash_20250124}, ...), kept
     * verbatim: it only means something to its own dialect.
     */
    record HostedTool(Dialect dialect, JsonNode raw) implements Tool {
        @Override
        public String toString() {
            return "HostedTool[" + dialect + ":" + raw.path("type").asText("?") + "]";
        }
    }
}
