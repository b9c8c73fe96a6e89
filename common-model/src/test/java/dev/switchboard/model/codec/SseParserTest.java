package dev.switchboard.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<SseEvent> parseBytewise(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            parser.feed(bytes, i, 1, events::add);
        }
        parser.end(events::add);
        return events;
    }

    private static List<SseEvent> parseWhole(String text) {
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        parser.feed(text, events::add);
        parser.end(events::add);
        return events;
    }

    @Test
    void parsesNamedAndUnnamedEvents() {
        List<SseEvent> events = parseWhole("event: message_start\ndata: {\"a\":1}\n\ndata: [DONE]\n\n");

        assertThat(events).containsExactly(new SseEvent("message_start", "{\"a\":1}"), new SseEvent(null, "[DONE]"));
    }

    @Test
    void crlfSplitBetweenChunksDoesNotEndTheEventEarly() {
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();

        parser.feed("data: a\r", events::add);
        parser.feed("\ndata: b\r\n\r\n", events::add);

        assertThat(events).containsExactly(new SseEvent(null, "a\nb"));
    }

    @Test
    void acceptsLfCrlfAndBareCrLineEnds() {
        String text = "event: x\r\ndata: 1\r\n\r\nevent: y\rdata: 2\r\rdata: 3\n\n";

        List<SseEvent> expected = List.of(new SseEvent("x", "1"), new SseEvent("y", "2"), new SseEvent(null, "3"));
        assertThat(parseWhole(text)).isEqualTo(expected);
        assertThat(parseBytewise(text)).isEqualTo(expected);
    }

    @Test
    void joinsMultiLineDataWithNewlines() {
        assertThat(parseWhole("data: first\ndata: second\ndata:third\n\n"))
                .containsExactly(new SseEvent(null, "first\nsecond\nthird"));
    }

    @Test
    void ignoresCommentsIdRetryAndUnknownFields() {
        String text = ": keep-alive\nid: 7\nretry: 1000\nfoo: bar\ndataX: nope\ndata: yes\n\n";

        assertThat(parseWhole(text)).containsExactly(new SseEvent(null, "yes"));
    }

    @Test
    void eventsWithoutDataAreNotDispatched() {
        assertThat(parseWhole("event: ping\n\n: comment only\n\n")).isEmpty();
    }

    @Test
    void fieldWithoutColonHasEmptyValue() {
        assertThat(parseWhole("data\n\n")).containsExactly(new SseEvent(null, ""));
    }

    @Test
    void keepsOnlyOneLeadingSpaceOfTheValue() {
        assertThat(parseWhole("data:  two spaces\n\n")).containsExactly(new SseEvent(null, " two spaces"));
    }

    @Test
    void skipsByteOrderMarkAtStreamStart() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "data: x\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        List<SseEvent> events = new ArrayList<>();

        new SseParser().feed(all, events::add);

        assertThat(events).containsExactly(new SseEvent(null, "x"));
    }

    @Test
    void decodesMultiByteCharactersSplitAcrossChunks() {
        assertThat(parseBytewise("data: héllo € 🚀\n\n")).containsExactly(new SseEvent(null, "héllo € 🚀"));
    }

    @Test
    void dispatchesALastEventThatLacksItsBlankLine() {
        assertThat(parseWhole("data: {\"x\":1}\n\ndata: [DONE]")).containsExactly(new SseEvent(null, "{\"x\":1}"),
                new SseEvent(null, "[DONE]"));
    }

    @Test
    void growsForLongLines() {
        String longData = "x".repeat(100_000);

        assertThat(parseBytewise("data: " + longData + "\n\n")).containsExactly(new SseEvent(null, longData));
    }

    @Test
    void eventNameDoesNotLeakIntoTheNextEvent() {
        assertThat(parseWhole("event: a\ndata: 1\n\ndata: 2\n\n")).containsExactly(new SseEvent("a", "1"),
                new SseEvent(null, "2"));
    }

    @Test
    void sseEventToStringCarriesNoData() {
        assertThat(new SseEvent("e", "secret prompt").toString()).doesNotContain("secret");
    }
}
