package dev.switchboard.routing.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypedEventScanTest {

    private final TypedEventScan scan = new TypedEventScan();

    @Test
    void readsAResponsesDeltaWhateverTheFieldOrder() {
        assertThat(read(
                "{\"delta\":\"Hi \\\"there\\\"\",\"item\":{\"delta\":\"no\"},\"type\":\"response.output_text.delta\"}"))
                .isTrue();
        assertThat(scan.type()).isEqualTo("response.output_text.delta");
        assertThat(scan.delta()).isEqualTo("Hi \"there\"");
        assertThat(scan.deltaType()).isEmpty();
    }

    @Test
    void readsAMessagesDeltaObject() {
        assertThat(read("{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"partial_json\":\"{\\\"a\\\"\",\"type\":\"input_json_delta\",\"extra\":[1]}}")).isTrue();
        assertThat(scan.type()).isEqualTo("content_block_delta");
        assertThat(scan.delta()).isNull();
        assertThat(scan.deltaType()).isEqualTo("input_json_delta");
        assertThat(scan.deltaPartialJson()).isEqualTo("{\"a\"");
        assertThat(scan.deltaText()).isNull();
        assertThat(read("{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":null}}"))
                .isTrue();
        assertThat(scan.deltaText()).isNull();
        assertThat(scan.deltaPartialJson()).isNull();
    }

    @Test
    void nothingIsCarriedOverFromThePreviousEvent() {
        assertThat(read("{\"type\":\"response.output_text.delta\",\"delta\":\"a\"}")).isTrue();
        assertThat(read("{\"type\":\"ping\"}")).isTrue();
        assertThat(scan.type()).isEqualTo("ping");
        assertThat(scan.delta()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"delta\":\"x\"}", "{\"type\":7}", "{\"type\":\"x\",\"delta\":3}",
            "{\"type\":\"x\",\"delta\":{\"text\":true}}", "[\"type\"]", "{\"type\":\"x\"", "type",
            "{\"type\":\"a\",\"type\":\"b\"}", "{\"type\":\"x\",\"delta\":\"a\",\"delta\":\"b\"}",
            "{\"type\":\"x\",\"delta\":{\"text\":\"a\",\"text\":\"b\"}}"})
    void declinesWhatOnlyTheTreeReaderHandles(String data) {
        assertThat(read(data)).isFalse();
    }

    @Test
    void declinesUtf16Data() {
        byte[] data = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_16LE);
        assertThat(scan.read(data, 0, data.length)).isFalse();
    }

    private boolean read(String data) {
        byte[] event = ("event: e\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        int start = SseData.dataStart(event, 0, event.length);
        return scan.read(event, start, SseData.dataEnd(event, start, event.length) - start);
    }
}
