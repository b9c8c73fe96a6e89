package dev.switchboard.model.canonical;

import com.fasterxml.jackson.databind.JsonNode;

/** Structured output the caller asked for. Plain text is the absence of a format. */
public sealed interface OutputFormat {

    /** JSON conforming to {@code schema}; the schema is forwarded, never validated or repaired. */
    record JsonSchema(String name, String description, JsonNode schema, boolean strict) implements OutputFormat {
        /** Name only: schemas are caller content. */
        @Override
        public String toString() {
            return "JsonSchema[" + name + ", strict=" + strict + "]";
        }
    }

    /** Any JSON object. */
    record JsonObject() implements OutputFormat {
        public static final JsonObject INSTANCE = new JsonObject();
    }
}
