package dev.switchboard.routing.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.buffer.Buffer;

class ChatChunkScanTest {

    private final ChatChunkScan scan = new ChatChunkScan();

    @Test
    void readsContentToolCallsAndFinishInTheTreeReadersOrder() {
        String chunk = "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\",\"name\":\"weather\"}}],"
                + "\"content\":\"Let me check \\u00e9\"},\"finish_reason\":null},"
                + "{\"index\":1,\"delta\":{\"content\":\"B\"},\"finish_reason\":\"stop\"}],\"usage\":null}";
        assertThat(read(chunk)).isTrue();
        assertThat(scan.text().toString()).isEqualTo("Let me check \u00e9weather{\"city\":\"Oslo\"}B");
        assertThat(scan.finished()).isTrue();
        assertThat(scan.hasNullUsage()).isTrue();
    }

    @Test
    void nullsAndContainersAreNoText() {
        assertThat(read("{\"choices\":[{\"delta\":{\"content\":null,\"tool_calls\":null,\"x\":{\"content\":\"no\"}},"
                + "\"finish_reason\":null}],\"choices_extra\":[1,2]}")).isTrue();
        assertThat(scan.text().toString()).isEmpty();
        assertThat(scan.finished()).isFalse();
        assertThat(scan.hasNullUsage()).isFalse();
        assertThat(read("{\"choices\":[{\"delta\":{\"content\":[{\"text\":\"no\"}]}}]}")).isTrue();
        assertThat(scan.text().toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}",
            "{\"error\":{\"message\":\"overloaded\"}}",
            "{\"error\":null,\"choices\":[]}",
            "{\"choices\":{\"0\":{\"delta\":{\"content\":\"x\"}}}}",
            "{\"choices\":[\"x\"]}",
            "{\"choices\":[{\"delta\":{\"content\":42}}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":\"f\"}]}}]}",
            "{\"usage\":null,\"usage\":null}",
            "[1,2]",
            "{\"choices\":[",
            "not json"})
    void declinesWhatOnlyTheTreeReaderHandles(String chunk) {
        assertThat(read(chunk)).isFalse();
    }

    @Test
    void findsTheNullUsageMemberAsOffsetsInTheArrayRead() {
        byte[] event = "data: {\"id\":\"c\", \"usage\" : null ,\"choices\":[]}\n\n".getBytes(StandardCharsets.UTF_8);
        int start = SseData.dataStart(event);
        int end = SseData.dataEnd(event, start);
        assertThat(scan.read(event, start, end - start)).isTrue();
        String member = new String(event, scan.nullUsageStart(), scan.nullUsageEnd() - scan.nullUsageStart(),
                StandardCharsets.UTF_8);
        assertThat(member).isEqualTo("\"usage\" : null");
    }

    @Test
    void cutsTheMemberAndOneCommaAndKeepsEveryOtherByte() {
        assertThat(cut("{\"usage\":null,\"id\":\"c\"}")).isEqualTo("{\"id\":\"c\"}");
        assertThat(cut("{\"id\":\"c\",\"usage\":null}")).isEqualTo("{\"id\":\"c\"}");
        assertThat(cut("{\"id\":\"c\" , \"usage\":null, \"x\":1}")).isEqualTo("{\"id\":\"c\" , \"x\":1}");
        assertThat(cut("{ \"usage\":null }")).isEqualTo("{  }");
        assertThat(cut("{\"a\\\"usage\":null,\"usage\":null}")).isEqualTo("{\"a\\\"usage\":null}");
    }

    @Test
    void findsTheOnlyDataLineOfAnEvent() {
        assertThat(SseData.dataStart(bytes("data: {}\n\n"))).isEqualTo(6);
        assertThat(SseData.dataStart(bytes("data:{}\r\n\r\n"))).isEqualTo(5);
        assertThat(SseData.dataEnd(bytes("data:{}\r\n\r\n"), 5)).isEqualTo(7);
        byte[] named = bytes("event: x\r\ndata: {}\r\n\r\n");
        assertThat(SseData.dataStart(named)).isEqualTo(16);
        assertThat(SseData.dataEnd(named, 16)).isEqualTo(18);
        assertThat(SseData.dataStart(bytes("data: {\ndata: }\n\n"))).isEqualTo(-1);
        assertThat(SseData.dataStart(bytes(": keep-alive\n\n"))).isEqualTo(-1);
        assertThat(SseData.dataStart(bytes("database: 1\n\n"))).isEqualTo(-1);
        assertThat(SseData.equalsTrimmed(bytes("data: [DONE] \n\n"), 6, 13, "[DONE]")).isTrue();
    }

    private boolean read(String chunk) {
        byte[] event = bytes("data: " + chunk + "\n\n");
        return scan.read(event, 6, event.length - 8);
    }

    private String cut(String chunk) {
        byte[] event = bytes("data: " + chunk + "\n\n");
        assertThat(scan.read(event, 6, event.length - 8)).isTrue();
        Buffer out = SseData.withoutMember(event, 6, event.length - 2, scan.nullUsageStart(), scan.nullUsageEnd());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("data: ").endsWith("\n\n");
        return text.substring(6, text.length() - 2);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
