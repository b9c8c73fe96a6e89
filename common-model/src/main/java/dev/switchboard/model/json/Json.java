package dev.switchboard.model.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration shared by every module: snake_case on the wire, ISO-8601 instants ({@link IsoInstant}),
 * strict on unknown fields only where a caller asks for it (see {@link #STRICT}).
 */
public final class Json {

    /** Lenient mapper for wire formats that evolve (usage events, upstream bodies). */
    public static final ObjectMapper MAPPER = base().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    /** Strict mapper for operator-written documents, where a misspelt key must not be silently ignored. */
    public static final ObjectMapper STRICT = base().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .build();

    private Json() {
    }

    private static JsonMapper.Builder base() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .addModule(InstantJson.module()) // after JavaTimeModule: a later module's (de)serializers win
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
