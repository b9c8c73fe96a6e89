package dev.switchboard.model.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.Extensions;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;

/**
 * Reading and validating request fields, with errors that name the field the way
 * {@link dev.switchboard.model.dialect.ChatCompletions#inspect} does. Paths of nested fields are concatenated only
 * when an error is thrown.
 */
final class Fields {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Fields() {
    }

    static GatewayError.Failure invalid(String field, String problem) {
        return GatewayError.of(ErrorType.INVALID_REQUEST, "invalid request body: '" + field + "' " + problem)
                .withDetail("field", field)
                .asException();
    }

    /** An upstream answer that is not what its dialect promises; the message never includes the body. */
    static GatewayError.Failure malformedUpstream(Dialect dialect, String problem) {
        return GatewayError.of(ErrorType.UPSTREAM_FAILED, "upstream " + dialect.wireName() + " answer " + problem)
                .asException();
    }

    static boolean absent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    /** @return {@code null} when absent */
    static String string(JsonNode value, String field) {
        if (absent(value)) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return value.textValue();
    }

    static String requiredString(JsonNode value, String field) {
        if (value == null || !value.isTextual()) {
            throw invalid(field, "required, a string");
        }
        return value.textValue();
    }

    /** @return {@code null} when absent */
    static Boolean bool(JsonNode value, String field) {
        if (absent(value)) {
            return null;
        }
        if (!value.isBoolean()) {
            throw invalid(field, "must be a boolean");
        }
        return value.booleanValue();
    }

    /** @return {@code null} when absent */
    static Integer positiveInt(JsonNode value, String field) {
        if (absent(value)) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
            throw invalid(field, "must be a positive integer");
        }
        return value.intValue();
    }

    /** @return {@code null} when absent */
    static Double number(JsonNode value, String field) {
        if (absent(value)) {
            return null;
        }
        if (!value.isNumber()) {
            throw invalid(field, "must be a number");
        }
        return value.doubleValue();
    }

    /** @return {@code null} when absent */
    static ObjectNode object(JsonNode value, String field) {
        if (absent(value)) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(field, "must be an object");
        }
        return (ObjectNode) value;
    }

    /** A string or an array of strings (OpenAI {@code stop}, Anthropic {@code stop_sequences}). */
    static List<String> strings(JsonNode value, String field) {
        if (absent(value)) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            throw invalid(field, "must be a string or an array of strings");
        }
        List<String> strings = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw invalid(field + "[" + i + "]", "must be a string");
            }
            strings.add(item.textValue());
        }
        return strings;
    }

    /** The fields of {@code node} other than the known ones (up to four; {@code null} for unused), kept for its dialect. */
    static Extensions extensionsExcept(Dialect dialect, JsonNode node, String a, String b, String c, String d) {
        ObjectNode kept = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!key.equals(a) && !key.equals(b) && !key.equals(c) && !key.equals(d)) {
                kept = keep(kept, key, field.getValue());
            }
        }
        return Extensions.of(dialect, kept);
    }

    /** Adds a field to a lazily created extension bag. */
    static ObjectNode keep(ObjectNode bag, String name, JsonNode value) {
        ObjectNode into = bag == null ? NODES.objectNode() : bag;
        into.set(name, value);
        return into;
    }

    /** Lenient read of an upstream string field. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** Lenient read of an upstream counter. */
    static long count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.longValue() : 0L;
    }
}
