package dev.switchboard.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.codec.Codecs;
import dev.switchboard.routing.eligibility.RequestShape;

/**
 * One caller request, read once: the parsed body (relayed on same-dialect routes), its canonical form (translated for
 * other dialects) and the shape eligibility judges.
 *
 * @param body the caller's body; same-dialect attempts rewrite {@code model} and cap fields in place
 * @param bodyBytes the size of the caller's body as received, to size the upstream body's buffer
 * @param originalCaps the caller's own cap field values by name, restored before each same-dialect attempt so that a
 *        clamp for one target never reaches the next
 */
public record InboundRequest(RouteRequest route, ObjectNode body, int bodyBytes, CanonicalRequest canonical,
        RequestShape shape, Map<String, JsonNode> originalCaps) {

    /**
     * @throws dev.switchboard.model.error.GatewayError.Failure {@code invalid-request} naming the offending field
     */
    public static InboundRequest decode(RouteRequest route, ObjectNode body, int bodyBytes,
            List<String> capFields) {
        CanonicalRequest canonical = Codecs.of(route.dialect()).decodeRequest(body);
        Map<String, JsonNode> caps = Map.of();
        for (String field : capFields) {
            JsonNode value = body.get(field);
            if (value != null) {
                if (caps.isEmpty()) {
                    caps = new HashMap<>(2);
                }
                caps.put(field, value);
            }
        }
        return new InboundRequest(route.withStream(canonical.stream()), body, bodyBytes, canonical,
                RequestShape.of(canonical), caps);
    }
}
