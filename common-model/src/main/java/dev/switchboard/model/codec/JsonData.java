package dev.switchboard.model.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.json.Json;

/** Parses the JSON data of one upstream SSE event. */
final class JsonData {

    private JsonData() {
    }

    static JsonNode parse(Dialect dialect, String data) {
        try {
            JsonNode node = Json.MAPPER.readTree(data);
            if (node == null || !node.isObject()) {
                throw Fields.malformedUpstream(dialect, "stream event is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw Fields.malformedUpstream(dialect, "stream event is not JSON");
        }
    }
}
