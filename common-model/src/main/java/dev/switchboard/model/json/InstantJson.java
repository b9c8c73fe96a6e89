package dev.switchboard.model.json;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

/**
 * {@link Instant} as ISO-8601 text through {@link IsoInstant}, registered after the JSR-310 module so that it takes
 * its place for instants. Whatever {@code IsoInstant} declines (an offset other than {@code Z}, an epoch number, a
 * year past 9999, a {@code @JsonFormat} on the property or the type) goes to the JSR-310 serializer and deserializer,
 * so the mapper reads and writes exactly what it did before, only faster for the usual value.
 */
final class InstantJson {

    /** The format of a property without {@code @JsonFormat}: the fast path applies. */
    private static final JsonFormat.Value NO_FORMAT = JsonFormat.Value.empty();

    private InstantJson() {
    }

    static SimpleModule module() {
        return new SimpleModule("switchboard-instants")
                .addSerializer(Instant.class, new Writer())
                .addDeserializer(Instant.class, new Reader());
    }

    static final class Writer extends StdScalarSerializer<Instant> implements ContextualSerializer {
        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            char[] text = new char[IsoInstant.MAX_LENGTH];
            int length = provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    ? -1
                    : IsoInstant.format(value, text);
            if (length < 0) {
                InstantSerializer.INSTANCE.serialize(value, gen, provider);
            } else {
                gen.writeString(text, 0, length);
            }
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            if (!findFormatOverrides(provider, property, Instant.class).equals(NO_FORMAT)) {
                return InstantSerializer.INSTANCE.createContextual(provider, property);
            }
            return this;
        }
    }

    static final class Reader extends StdScalarDeserializer<Instant> implements ContextualDeserializer {
        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                Instant fast = IsoInstant.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            if (!findFormatOverrides(ctxt, property, Instant.class).equals(NO_FORMAT)) {
                return InstantDeserializer.INSTANT.createContextual(ctxt, property);
            }
            return this;
        }
    }
}
