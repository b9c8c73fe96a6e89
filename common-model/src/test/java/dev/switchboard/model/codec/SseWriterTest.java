package dev.switchboard.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerator;

class SseWriterTest {

    @Test
    void writesNamedEventsUnnamedEventsAndRawData() throws Exception {
        try (SseWriter writer = new SseWriter()) {
            JsonGenerator json = writer.startEvent("ping");
            json.writeStartObject();
            json.writeStringField("type", "ping");
            json.writeEndObject();
            writer.endEvent();
            writer.event(null, CodecFixtures.parse("{\"a\":\"line\\nbreak\"}"));
            writer.rawData("[DONE]");

            assertThat(writer.drain()).isEqualTo("event: ping\ndata: {\"type\":\"ping\"}\n\n"
                    + "data: {\"a\":\"line\\nbreak\"}\n\ndata: [DONE]\n\n");
            assertThat(writer.isEmpty()).isTrue();
        }
    }

    @Test
    void successiveEventsHaveNoSeparatorAndDrainStartsAfresh() {
        try (SseWriter writer = new SseWriter()) {
            writer.event("a", CodecFixtures.parse("{\"n\":1}"));
            assertThat(writer.drain()).isEqualTo("event: a\ndata: {\"n\":1}\n\n");
            writer.event("b", CodecFixtures.parse("{\"n\":2}"));
            assertThat(new String(writer.drainUtf8(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("event: b\ndata: {\"n\":2}\n\n");
        }
    }

    @Test
    void writtenEventsParseBack() {
        try (SseWriter writer = new SseWriter()) {
            writer.event("x", CodecFixtures.parse("{\"text\":\"multi\\nline \\r\\n and ünïcode\"}"));

            assertThat(CodecFixtures.sseEvents(writer.drain(), 3)).singleElement()
                    .satisfies(e -> assertThat(CodecFixtures.parse(e.data()).path("text").asText())
                            .isEqualTo("multi\nline \r\n and ünïcode"));
        }
    }
}
