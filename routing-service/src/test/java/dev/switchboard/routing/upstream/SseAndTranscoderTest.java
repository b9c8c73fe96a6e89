package dev.switchboard.routing.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class SseAndTranscoderTest {

    @Test
    void splitsEventsAcrossArbitraryChunkBoundaries() throws Exception {
        String stream = "data: {\"a\":1}\n\ndata: {\"b\":2}\r\n\r\n: keep-alive\n\ndata: [DONE]\n\n";
        for (int cut = 1; cut < stream.length(); cut++) {
            for (int second = cut; second < stream.length(); second++) {
                SseEventSplitter splitter = new SseEventSplitter(1024);
                List<Buffer> events = new ArrayList<>();
                splitter.feed(Buffer.buffer(stream.substring(0, cut)), events::add);
                splitter.feed(Buffer.buffer(stream.substring(cut, second)), events::add);
                splitter.feed(Buffer.buffer(stream.substring(second)), events::add);
                // read only now: the slices handed out must not change as later chunks arrive
                assertThat(events).map(Buffer::toString).as("cut at " + cut + " and " + second)
                        .containsExactly("data: {\"a\":1}\n\n", "data: {\"b\":2}\r\n\r\n", ": keep-alive\n\n",
                                "data: [DONE]\n\n");
                assertThat(splitter.hasPartialEvent()).isFalse();
            }
        }
    }

    @Test
    void handsOutEventsThatAChunkHoldsWholeWithoutCopyingThem() throws Exception {
        Buffer chunk = Buffer.buffer("data: 1\n\ndata: 2\n\ndata: 3");
        SseEventSplitter splitter = new SseEventSplitter(1024);
        List<Buffer> events = new ArrayList<>();
        splitter.feed(chunk, events::add);
        assertThat(events).hasSize(2);
        for (Buffer event : events) {
            assertThat(event.getByteBuf().array()).isSameAs(chunk.getByteBuf().array());
        }
        assertThat(splitter.hasPartialEvent()).isTrue();
        splitter.feed(Buffer.buffer("\n\n"), events::add);
        assertThat(events).map(Buffer::toString).containsExactly("data: 1\n\n", "data: 2\n\n", "data: 3\n\n");
        assertThat(splitter.hasPartialEvent()).isFalse();
    }

    @Test
    void refusesAnEventThatGrowsBeyondTheLimitOverSeveralChunks() throws Exception {
        SseEventSplitter splitter = new SseEventSplitter(600);
        List<Buffer> events = new ArrayList<>();
        splitter.feed(Buffer.buffer("data: ok\n\ndata: " + "x".repeat(250)), events::add);
        splitter.feed(Buffer.buffer("x".repeat(300)), events::add);
        assertThat(events).map(Buffer::toString).containsExactly("data: ok\n\n");
        assertThatThrownBy(() -> splitter.feed(Buffer.buffer("x".repeat(100)), events::add))
                .isInstanceOf(InvalidUpstreamResponse.class);
    }

    @Test
    void keepsAnEventThatOutgrowsThePendingBufferWhole() throws Exception {
        String big = "data: " + "y".repeat(5000) + "\n\n";
        SseEventSplitter splitter = new SseEventSplitter(1 << 16);
        List<Buffer> events = new ArrayList<>();
        for (int from = 0; from < big.length(); from += 97) {
            splitter.feed(Buffer.buffer(big.substring(from, Math.min(big.length(), from + 97))), events::add);
        }
        assertThat(events).map(Buffer::toString).containsExactly(big);
        assertThat(splitter.hasPartialEvent()).isFalse();
    }

    @Test
    void readsABuffersBytesWhereTheyLieOrFromACopy() throws Exception {
        Buffer chunk = Buffer.buffer("xx{\"id\":1}yy");
        BufferBytes inPlace = new BufferBytes().of(chunk.slice(2, 10));
        assertThat(inPlace.array()).isSameAs(chunk.getByteBuf().array());
        assertThat(new String(inPlace.array(), inPlace.from(), inPlace.to() - inPlace.from(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":1}");
        assertThat(UpstreamJson.parse(chunk.slice(2, 10)).path("id").asInt()).isEqualTo(1);
        io.netty.buffer.ByteBuf direct = io.netty.buffer.Unpooled.directBuffer().writeBytes("{\"id\":2}".getBytes());
        Buffer onDirect = Buffer.buffer(direct);
        BufferBytes copied = new BufferBytes().of(onDirect);
        assertThat(copied.from()).isZero();
        assertThat(copied.to()).isEqualTo(8);
        assertThat(UpstreamJson.parse(onDirect).path("id").asInt()).isEqualTo(2);
    }

    @Test
    void refusesAnEventBeyondTheLimit() {
        SseEventSplitter splitter = new SseEventSplitter(16);
        assertThatThrownBy(() -> splitter.feed(Buffer.buffer("data: " + "x".repeat(64)), e -> {
        })).isInstanceOf(InvalidUpstreamResponse.class);
    }

    @Test
    void dropsTheUsageChunkAndUsageFieldsTheCallerDidNotAskFor() throws Exception {
        OpenAiChatAdapter.Passthrough transcoder = new OpenAiChatAdapter.Passthrough(false);
        Buffer content = transcoder.onEvent(event(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}],\"usage\":null}"));
        assertThat(content.toString()).contains("\"content\":\"Hi\"").doesNotContain("usage");
        assertThat(transcoder.onEvent(event(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}"))).isNull();
        assertThat(transcoder.usage().reported()).isTrue();
        assertThat(transcoder.usage().inputTokens()).isEqualTo(3);
        assertThat(transcoder.onEvent(Buffer.buffer("data: [DONE]\n\n")).toString()).isEqualTo("data: [DONE]\n\n");
        assertThat(transcoder.complete()).isTrue();
        assertThat(transcoder.outputText().toString()).isEqualTo("Hi");
    }

    @Test
    void cutsANullUsageOutOfTheChunkBytesAndReEncodesMultiLineEvents() throws Exception {
        OpenAiChatAdapter.Passthrough transcoder = new OpenAiChatAdapter.Passthrough(false);
        String last = "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"say \\\"usage\\\":null\"}}],"
                + "\"usage\":null}";
        assertThat(transcoder.onEvent(event(last)).toString())
                .isEqualTo("data: {\"id\":\"c1\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"content\":\"say \\\"usage\\\":null\"}}]}\n\n");
        String first = "{\"usage\":null,\"id\":\"c2\",\"choices\":[]}";
        assertThat(transcoder.onEvent(event(first)).toString()).isEqualTo("data: {\"id\":\"c2\",\"choices\":[]}\n\n");
        String spaced = "{\"id\":\"c3\", \"usage\": null, \"choices\":[]}";
        assertThat(transcoder.onEvent(event(spaced)).toString())
                .isEqualTo("data: {\"id\":\"c3\", \"choices\":[]}\n\n");
        // data on two lines is read as a tree and re-encoded
        Buffer twoLines = Buffer.buffer("data: {\"id\":\"c4\",\ndata: \"usage\":null, \"choices\":[]}\n\n");
        assertThat(transcoder.onEvent(twoLines).toString()).isEqualTo("data: {\"id\":\"c4\",\"choices\":[]}\n\n");
        assertThat(transcoder.outputText().toString()).isEqualTo("say \"usage\":null");
    }

    @Test
    void relaysEventsByteForByteWhenTheCallerAskedForUsage() throws Exception {
        OpenAiChatAdapter.Passthrough transcoder = new OpenAiChatAdapter.Passthrough(true);
        Buffer usage = event("{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}");
        assertThat(transcoder.onEvent(usage)).isSameAs(usage);
    }

    @Test
    void treatsAnInStreamErrorAsAFailureWithoutCopyingIt() {
        OpenAiChatAdapter.Passthrough transcoder = new OpenAiChatAdapter.Passthrough(false);
        assertThatThrownBy(() -> transcoder.onEvent(event("{\"error\":{\"message\":\"secret detail\"}}")))
                .isInstanceOf(InvalidUpstreamResponse.class)
                .hasMessageNotContaining("secret detail");
    }

    @Test
    void classifiesUpstreamStatuses() {
        byte[] quota = "{\"error\":{\"code\":\"insufficient_quota\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(UpstreamErrors.classify(429, null)).isEqualTo(UpstreamErrorClass.RATE_LIMITED);
        assertThat(UpstreamErrors.classify(429, quota)).isEqualTo(UpstreamErrorClass.QUOTA_EXHAUSTED);
        assertThat(UpstreamErrors.classify(402, null)).isEqualTo(UpstreamErrorClass.QUOTA_EXHAUSTED);
        assertThat(UpstreamErrors.classify(403, null)).isEqualTo(UpstreamErrorClass.ACCESS_DENIED);
        assertThat(UpstreamErrors.classify(401, null).retryable()).isFalse();
        assertThat(UpstreamErrors.classify(400, null).retryable()).isFalse();
        assertThat(UpstreamErrors.classify(404, null).retryable()).isFalse();
        assertThat(UpstreamErrors.classify(413, null).retryable()).isFalse();
        assertThat(UpstreamErrors.classify(422, null).retryable()).isFalse();
        assertThat(UpstreamErrors.classify(503, null).retryable()).isTrue();
        assertThat(UpstreamErrors.classify(302, null)).isEqualTo(UpstreamErrorClass.REDIRECT);
    }

    @Test
    void joinsBaseUrlAndPathAndNamesOnlyTheHost() {
        assertThat(UpstreamClient.url("http://h:9/v1/", "/chat/completions"))
                .isEqualTo("http://h:9/v1/chat/completions");
        assertThat(UpstreamClient.hostOf("https://api.example.com/v1")).isEqualTo("api.example.com");
        assertThat(UpstreamClient.hostOf("http://10.0.0.1:8090/v1")).isEqualTo("10.0.0.1:8090");
    }

    private static Buffer event(String json) {
        return Buffer.buffer("data: " + json + "\n\n");
    }
}
