package dev.switchboard.routing.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
            "{\"choices\":[{\"finish_reason\":\"stop\",\"finish_reason\":null}]}",
            "{\"choices\":[],\"choices\":[{\"delta\":{\"content\":\"x\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"a\",\"content\":\"b\"}}]}",
            "[1,2]",
            "{\"choices\":[",
            "not json"})
    void declinesWhatOnlyTheTreeReaderHandles(String chunk) {
        assertThat(read(chunk)).isFalse();
    }

    @Test
    void findsTheNullUsageMemberAsOffsetsInTheArrayRead() {
        byte[] event = "data: {\"id\":\"c\", \"usage\" : null ,\"choices\":[]}\n\n".getBytes(StandardCharsets.UTF_8);
        int start = SseData.dataStart(event, 0, event.length);
        int end = SseData.dataEnd(event, start, event.length);
        assertThat(scan.read(event, start, end - start)).isTrue();
        String member = new String(event, scan.nullUsageStart(), scan.nullUsageEnd() - scan.nullUsageStart(),
                StandardCharsets.UTF_8);
        assertThat(member).isEqualTo("\"usage\" : null");
    }

    @Test
    void declinesDataThatIsNotUtf8OrDoesNotStartWithTheObject() {
        String chunk = "{\"choices\":[],\"usage\":null}";
        for (Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] data = chunk.getBytes(charset);
            assertThat(scan.read(data, 0, data.length)).as(charset.name()).isFalse();
        }
        byte[] bom = ("\uFEFF" + chunk).getBytes(StandardCharsets.UTF_8);
        assertThat(scan.read(bom, 0, bom.length)).isFalse();
        assertThat(read(" " + chunk)).isFalse();
        assertThat(read(chunk)).isTrue();
    }

    private boolean read(String chunk) {
        byte[] event = bytes("data: " + chunk + "\n\n");
        return scan.read(event, 6, event.length - 8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
