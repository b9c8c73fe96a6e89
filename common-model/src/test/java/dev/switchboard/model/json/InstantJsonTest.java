package dev.switchboard.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class InstantJsonTest {

    /** What {@link Json#MAPPER} was before {@link InstantJson}: the JSR-310 module alone. */
    private static final ObjectMapper JSR310 = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    record Stamped(Instant ts, List<Instant> more) {
    }

    @Test
    void theSharedMappersUseTheFastReaderAndWriter() throws Exception {
        for (ObjectMapper mapper : List.of(Json.MAPPER, Json.STRICT)) {
            var context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                    .createDummyInstance(mapper.getDeserializationConfig());
            assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class)))
                    .isInstanceOf(InstantJson.Reader.class);
            assertThat(mapper.getSerializerProviderInstance().findValueSerializer(Instant.class))
                    .isInstanceOf(InstantJson.Writer.class);
        }
    }

    @Test
    void writesWhatTheJsr310ModuleWrites() throws Exception {
        for (Instant instant : List.of(Instant.parse("2026-12-04T16:24:01Z"), Instant.parse("2026-12-04T16:24:01.5Z"),
                Instant.parse("2026-12-04T16:24:01.000123Z"), Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN,
                Instant.MAX)) {
            Stamped value = new Stamped(instant, List.of(instant, instant));
            assertThat(Json.MAPPER.writeValueAsString(value)).isEqualTo(JSR310.writeValueAsString(value));
        }
    }

    @Test
    void readsWhatTheJsr310ModuleReadsIncludingTheFormsItHandsBack() throws Exception {
        for (String ts : List.of("\"2026-12-04T16:24:01Z\"", "\"2026-12-04T16:24:01.123456789Z\"",
                "\"2026-12-04T16:24:01+02:00\"", "\"2026-12-04T16:24:01.5+0000\"", "\"+10000-01-01T00:00:00Z\"",
                "1764865441", "1764865441.5", "\"1764865441\"", "null", "\"2026-12-04t16:24:01z\"")) {
            String json = "{\"ts\":" + ts + ",\"more\":[]}";
            assertThat(Json.MAPPER.readValue(json, Stamped.class)).as(json)
                    .isEqualTo(JSR310.readValue(json, Stamped.class));
        }
    }

    @Test
    void aFormatConfiguredForTheTypeGoesToTheJsr310Module() throws Exception {
        JsonFormat.Value numbers = JsonFormat.Value.forShape(JsonFormat.Shape.NUMBER);
        ObjectMapper plain = JsonMapper.builder().addModule(new JavaTimeModule())
                .withConfigOverride(Instant.class, o -> o.setFormat(numbers)).build();
        ObjectMapper fast = JsonMapper.builder().addModule(new JavaTimeModule()).addModule(InstantJson.module())
                .withConfigOverride(Instant.class, o -> o.setFormat(numbers)).build();
        Instant instant = Instant.parse("2026-12-04T16:24:01.5Z");
        Stamped value = new Stamped(instant, List.of(instant));

        assertThat(fast.writeValueAsString(value)).isEqualTo(plain.writeValueAsString(value)).contains("1796401441.5");
        assertThat(fast.writeValueAsString(instant)).isEqualTo(plain.writeValueAsString(instant));
        assertThat(fast.readValue("\"2026-12-04T16:24:01.5Z\"", Instant.class)).isEqualTo(instant);
    }

    @Test
    void rejectsWhatTheJsr310ModuleRejects() {
        for (String ts : List.of("\"2026-02-30T00:00:00Z\"", "\"yesterday\"", "true", "{}")) {
            String json = "{\"ts\":" + ts + "}";
            assertThatThrownBy(() -> JSR310.readValue(json, Stamped.class)).isInstanceOf(JsonMappingException.class);
            assertThatThrownBy(() -> Json.MAPPER.readValue(json, Stamped.class)).as(json)
                    .isInstanceOf(JsonMappingException.class);
        }
    }
}
