package dev.switchboard.simulator.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalResponse;
import dev.switchboard.model.canonical.StreamEvent;
import dev.switchboard.model.codec.Codecs;
import dev.switchboard.model.codec.SseParser;
import dev.switchboard.model.codec.StreamDecoder;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.json.Json;

/**
 * The common-model codecs as an independent reader of the simulator's output: what Switchboard itself would make
 * of it. Tests only; the simulator writes its wire format by hand.
 */
public final class Decoded {

    private Decoded() {
    }

    public static CanonicalResponse response(Dialect dialect, String body) throws Exception {
        return Codecs.of(dialect).decodeResponse((ObjectNode) Json.MAPPER.readTree(body));
    }

    /** Decodes a whole stream and checks that the decoder saw its terminal event. */
    public static List<StreamEvent> stream(Dialect dialect, String sse) {
        StreamDecoder decoder = Codecs.of(dialect).streamDecoder();
        List<StreamEvent> events = new ArrayList<>();
        SseParser parser = new SseParser();
        parser.feed(sse, event -> decoder.decode(event, events::add));
        parser.end(event -> decoder.decode(event, events::add));
        decoder.end(events::add);
        assertThat(decoder.finished()).as("stream reached its terminal event").isTrue();
        return events;
    }

    public static String text(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(StreamEvent.TextDelta.class::isInstance)
                .forEach(e -> text.append(((StreamEvent.TextDelta) e).text()));
        return text.toString();
    }

    public static String thinking(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(StreamEvent.ThinkingDelta.class::isInstance)
                .forEach(e -> text.append(((StreamEvent.ThinkingDelta) e).text()));
        return text.toString();
    }

    public static String arguments(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(StreamEvent.ToolArgumentsDelta.class::isInstance)
                .forEach(e -> text.append(((StreamEvent.ToolArgumentsDelta) e).json()));
        return text.toString();
    }

    public static StreamEvent.MessageDelta messageDelta(List<StreamEvent> events) {
        return events.stream().filter(StreamEvent.MessageDelta.class::isInstance)
                .map(StreamEvent.MessageDelta.class::cast).findFirst().orElseThrow();
    }

    public static <T extends StreamEvent> T first(List<StreamEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
