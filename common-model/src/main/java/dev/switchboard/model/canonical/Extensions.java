package dev.switchboard.model.canonical;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.dialect.Dialect;

/**
 * Fields a dialect sent that the canonical model does not represent, kept with the dialect that sent them so that
 * re-encoding into the same dialect restores them and other dialects ignore them.
 *
 * <p>
 * The values are the decoded body's own nodes, shared rather than copied: treat them as read-only.
 *
 * @param dialect the dialect the fields came from, {@code null} only for {@link #NONE}
 * @param fields the fields by name, {@code null} only for {@link #NONE}
 */
public record Extensions(Dialect dialect, ObjectNode fields) {

    public static final Extensions NONE = new Extensions(null, null);

    /** @return {@link #NONE} when {@code fields} is null or empty */
    public static Extensions of(Dialect dialect, ObjectNode fields) {
        return fields == null || fields.isEmpty() ? NONE : new Extensions(dialect, fields);
    }

    /** Names only: kept fields may carry caller data. */
    @Override
    public String toString() {
        if (fields == null) {
            return "Extensions[]";
        }
        StringBuilder names = new StringBuilder("Extensions[").append(dialect).append(':');
        fields.fieldNames().forEachRemaining(name -> names.append(' ').append(name));
        return names.append(']').toString();
    }

    public boolean isEmpty() {
        return fields == null;
    }

    /** The field when this bag came from {@code target}, else {@code null}. */
    public JsonNode get(Dialect target, String name) {
        return dialect == target && fields != null ? fields.get(name) : null;
    }

    /**
     * Writes the bag into {@code target} when it speaks the source dialect. An object the encoder already wrote under
     * the same name (e.g. Responses {@code text} holding the canonical {@code format}) is merged with the kept fields
     * into a new node, so that neither side is mutated.
     */
    public void writeInto(ObjectNode target, Dialect targetDialect) {
        if (dialect != targetDialect || fields == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            JsonNode written = target.get(field.getKey());
            if (written != null && written.isObject() && field.getValue().isObject()) {
                ObjectNode merged = target.objectNode();
                merged.setAll((ObjectNode) written);
                merged.setAll((ObjectNode) field.getValue());
                target.set(field.getKey(), merged);
            } else if (written == null) {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
