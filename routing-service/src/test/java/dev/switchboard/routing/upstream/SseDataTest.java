package dev.switchboard.routing.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class SseDataTest {

    @Test
    void findsTheOnlyDataLineOfAnEvent() {
        assertThat(start("data: {}\n\n")).isEqualTo(6);
        assertThat(start("data:{}\r\n\r\n")).isEqualTo(5);
        assertThat(SseData.dataEnd(bytes("data:{}\r\n\r\n"), 5, 11)).isEqualTo(7);
        byte[] named = bytes("event: x\r\ndata: {}\r\n\r\n");
        assertThat(start("event: x\r\ndata: {}\r\n\r\n")).isEqualTo(16);
        assertThat(SseData.dataEnd(named, 16, named.length)).isEqualTo(18);
        assertThat(start("data: {\ndata: }\n\n")).isEqualTo(-1);
        assertThat(start(": keep-alive\n\n")).isEqualTo(-1);
        assertThat(start("database: 1\n\n")).isEqualTo(-1);
    }

    @Test
    void readsOnlyTheEventsRangeOfALargerArray() {
        byte[] two = bytes("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n");
        int second = "data: {\"a\":1}\n\n".length();
        int start = SseData.dataStart(two, second, two.length);
        assertThat(start).isEqualTo(second + 6);
        assertThat(SseData.dataEnd(two, start, two.length)).isEqualTo(two.length - 2);
        // the first event alone: the second's data line lies beyond its end
        assertThat(SseData.dataStart(two, 0, second)).isEqualTo(6);
        assertThat(SseData.dataEnd(two, 6, second)).isEqualTo(second - 2);
    }

    @Test
    void comparesTrimmedAsciiText() {
        assertThat(SseData.equalsTrimmed(bytes("data: [DONE] \n\n"), 6, 13, "[DONE]")).isTrue();
        assertThat(SseData.equalsTrimmed(bytes("data: [DONE]x\n\n"), 6, 13, "[DONE]")).isFalse();
        assertThat(SseData.equalsTrimmed(bytes("data: \n\n"), 6, 6, "[DONE]")).isFalse();
    }

    @Test
    void cutsTheMemberAndOneCommaAndKeepsEveryOtherByte() {
        assertThat(cut("{\"usage\":null,\"id\":\"c\"}")).isEqualTo("{\"id\":\"c\"}");
        assertThat(cut("{\"id\":\"c\",\"usage\":null}")).isEqualTo("{\"id\":\"c\"}");
        assertThat(cut("{\"id\":\"c\" , \"usage\":null, \"x\":1}")).isEqualTo("{\"id\":\"c\" , \"x\":1}");
        assertThat(cut("{ \"usage\":null }")).isEqualTo("{  }");
        assertThat(cut("{\"id\":\"c\",\n\t\"usage\" : null\n}")).isEqualTo("{\"id\":\"c\"\n}");
    }

    @Test
    void rebuildsTheEventAsOneDataLine() {
        byte[] event = bytes("event: chunk\r\nid: 7\r\ndata: {\"a\":1,\"usage\":null}\r\n\r\n");
        int start = SseData.dataStart(event, 0, event.length);
        int end = SseData.dataEnd(event, start, event.length);
        int member = indexOf(event, "\"usage\"");
        Buffer out = SseData.withoutMember(event, start, end, member, member + "\"usage\":null".length());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("data: {\"a\":1}\n\n");
    }

    /** The data of {@code data: <json>\n\n} with the first {@code "usage" ... null} member cut out. */
    private static String cut(String json) {
        byte[] event = bytes("data: " + json + "\n\n");
        int member = indexOf(event, "\"usage\"");
        int memberEnd = indexOf(event, "null") + "null".length();
        String text = SseData.withoutMember(event, 6, event.length - 2, member, memberEnd)
                .toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("data: ").endsWith("\n\n");
        return text.substring(6, text.length() - 2);
    }

    private static int start(String event) {
        byte[] bytes = bytes(event);
        return SseData.dataStart(bytes, 0, bytes.length);
    }

    private static int indexOf(byte[] bytes, String ascii) {
        return new String(bytes, StandardCharsets.ISO_8859_1).indexOf(ascii);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
