package dev.switchboard.routing.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.json.Json;

/**
 * The passthroughs read the usual event token by token and the rest as a tree; both readings must account for a stream
 * the same way. Each stream is fed twice: as the provider sends it, and with every event's data split over two
 * {@code data:} lines, which only the tree reader accepts.
 */
class PassthroughScanTest {

    private static final List<String> CHAT = List.of(
            "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                    + "\"finish_reason\":null}],\"usage\":null}",
            "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Caf\\u00e9 \\\"ok\\\"\"},"
                    + "\"finish_reason\":null}],\"usage\":null}",
            "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"t\","
                    + "\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]},\"finish_reason\":null}],\"usage\":null}",
            "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                    + "\"function\":{\"arguments\":\"{\\\"q\\\":1}\"}}]},\"finish_reason\":\"tool_calls\"}],\"usage\":null}",
            "{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,"
                    + "\"completion_tokens_details\":{\"reasoning_tokens\":2}}}",
            "[DONE]");

    private static final List<String> RESPONSES = List.of(
            "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"r\",\"usage\":null}}",
            "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"function_call\","
                    + "\"name\":\"lookup\",\"arguments\":\"\"}}",
            "{\"type\":\"response.function_call_arguments.delta\",\"output_index\":0,\"delta\":\"{\\\"q\\\":\"}",
            "{\"sequence_number\":4,\"delta\":\"Hello \",\"type\":\"response.output_text.delta\",\"logprobs\":[]}",
            "{\"type\":\"response.reasoning_summary_text.delta\",\"delta\":\"thinking\"}",
            "{\"type\":\"response.refusal.delta\",\"delta\":\" no\"}",
            "{\"type\":\"response.output_text.done\",\"text\":\"Hello world, all of it\"}",
            "{\"type\":\"response.completed\",\"response\":{\"id\":\"r\",\"usage\":{\"input_tokens\":9,"
                    + "\"output_tokens\":4,\"output_tokens_details\":{\"reasoning_tokens\":1}}}}");

    private static final List<String> MESSAGES = List.of(
            "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":10,"
                    + "\"cache_read_input_tokens\":3,\"output_tokens\":1}}}",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"signature\":\"sig\",\"type\":\"signature_delta\"}}",
            "{\"type\":\"ping\"}",
            "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"name\":\"lookup\"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"partial_json\":\"{\\\"q\\\"\",\"type\":\"input_json_delta\"}}",
            "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"text_delta\",\"text\":\"Done.\"}}",
            "{\"type\":\"content_block_stop\",\"index\":2}",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":15}}",
            "{\"type\":\"message_stop\"}");

    @Test
    void chatStreamsAreAccountedTheSameByBothReaders() throws Exception {
        for (boolean callerWantsUsage : new boolean[]{false, true}) {
            Fed scanned = feed(() -> new OpenAiChatAdapter.Passthrough(callerWantsUsage), CHAT, false,
                    "event: chunk\n");
            Fed tree = feed(() -> new OpenAiChatAdapter.Passthrough(callerWantsUsage), CHAT, true, "");
            assertSame(scanned, tree);
            // only the usage chunk needs the tree; [DONE] is neither
            assertThat(((OpenAiChatAdapter.Passthrough) scanned.transcoder).treeReads).isEqualTo(1);
            assertThat(((OpenAiChatAdapter.Passthrough) tree.transcoder).treeReads).isEqualTo(CHAT.size() - 1);
            assertThat(scanned.transcoder.outputText().toString()).isEqualTo("Caf\u00e9 \"ok\"lookup{\"q\":1}");
            assertThat(scanned.transcoder.usage().outputTokens()).isEqualTo(7);
            assertThat(scanned.relayed.toString()).contains("\"content\":\"Caf\\u00e9 \\\"ok\\\"\"");
            assertThat(scanned.relayed.toString().contains("usage")).isEqualTo(callerWantsUsage);
        }
    }

    @Test
    void responsesStreamsAreAccountedTheSameByBothReaders() throws Exception {
        Fed scanned = feed(OpenAiResponsesAdapter.Passthrough::new, RESPONSES, false, "event: x\n");
        Fed tree = feed(OpenAiResponsesAdapter.Passthrough::new, RESPONSES, true, "event: x\n");
        assertSame(scanned, tree);
        // the item and the completion need the tree
        assertThat(((OpenAiResponsesAdapter.Passthrough) scanned.transcoder).treeReads).isEqualTo(2);
        assertThat(((OpenAiResponsesAdapter.Passthrough) tree.transcoder).treeReads).isEqualTo(RESPONSES.size());
        assertThat(scanned.transcoder.outputText().toString()).isEqualTo("lookup{\"q\":Hello thinking no");
        assertThat(scanned.transcoder.usage().inputTokens()).isEqualTo(9);
        assertThat(scanned.transcoder.complete()).isTrue();
    }

    @Test
    void messagesStreamsAreAccountedTheSameByBothReaders() throws Exception {
        Fed scanned = feed(AnthropicMessagesAdapter.Passthrough::new, MESSAGES, false, "event: x\n");
        Fed tree = feed(AnthropicMessagesAdapter.Passthrough::new, MESSAGES, true, "event: x\n");
        assertSame(scanned, tree);
        // the message start, both block starts and the message delta need the tree
        assertThat(((AnthropicMessagesAdapter.Passthrough) scanned.transcoder).treeReads).isEqualTo(4);
        assertThat(((AnthropicMessagesAdapter.Passthrough) tree.transcoder).treeReads).isEqualTo(MESSAGES.size());
        assertThat(scanned.transcoder.outputText().toString()).isEqualTo("hmmlookup{\"q\"Done.");
        assertThat(scanned.transcoder.usage().outputTokens()).isEqualTo(15);
        assertThat(scanned.transcoder.complete()).isTrue();
    }

    @Test
    void inStreamErrorsFailOnBothReaders() {
        for (String error : List.of("{\"type\":\"error\",\"error\":{\"message\":\"secret\"}}",
                "{\"error\":{\"message\":\"secret\"},\"type\":\"error\"}")) {
            for (boolean split : new boolean[]{false, true}) {
                Buffer event = event(error, split, "");
                assertThatThrownBy(() -> new AnthropicMessagesAdapter.Passthrough().onEvent(event))
                        .isInstanceOf(InvalidUpstreamResponse.class).hasMessageNotContaining("secret");
                assertThatThrownBy(() -> new OpenAiResponsesAdapter.Passthrough().onEvent(event))
                        .isInstanceOf(InvalidUpstreamResponse.class).hasMessageNotContaining("secret");
                assertThatThrownBy(() -> new OpenAiChatAdapter.Passthrough(false).onEvent(event))
                        .isInstanceOf(InvalidUpstreamResponse.class).hasMessageNotContaining("secret");
            }
        }
    }

    @Test
    void dataThatIsNotUtf8IsRefusedByTheTreeNotMisreadByTheScan() {
        byte[] utf16 = "{\"choices\":[],\"usage\":null}".getBytes(StandardCharsets.UTF_16LE);
        Buffer event = Buffer.buffer("data: ").appendBytes(utf16).appendString("\n\n");
        assertThatThrownBy(() -> new OpenAiChatAdapter.Passthrough(false).onEvent(event))
                .isInstanceOf(InvalidUpstreamResponse.class);
        byte[] typed = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_16LE);
        Buffer typedEvent = Buffer.buffer("data: ").appendBytes(typed).appendString("\n\n");
        assertThatThrownBy(() -> new AnthropicMessagesAdapter.Passthrough().onEvent(typedEvent))
                .isInstanceOf(InvalidUpstreamResponse.class);
        assertThatThrownBy(() -> new OpenAiResponsesAdapter.Passthrough().onEvent(typedEvent))
                .isInstanceOf(InvalidUpstreamResponse.class);
    }

    @Test
    void duplicateMembersAreAccountedAsTheTreeReadsThem() throws Exception {
        List<String> chat = List.of(
                "{\"choices\":[{\"delta\":{\"content\":\"a\",\"content\":\"b\"},"
                        + "\"finish_reason\":\"stop\",\"finish_reason\":null}],\"usage\":null}",
                "[DONE]");
        Fed scanned = feed(() -> new OpenAiChatAdapter.Passthrough(false), chat, false, "");
        Fed tree = feed(() -> new OpenAiChatAdapter.Passthrough(false), chat, true, "");
        assertSame(scanned, tree);
        assertThat(scanned.transcoder.outputText().toString()).isEqualTo("b");
        assertThat(((OpenAiChatAdapter.Passthrough) scanned.transcoder).treeReads).isEqualTo(1);
    }

    private record Fed(StreamTranscoder transcoder, StringBuilder relayed, List<JsonNode> relayedJson) {
    }

    /**
     * Feeds the whole stream as one chunk through {@link SseEventSplitter}, as routing does: every event but the first
     * is a slice in the middle of the chunk's array.
     */
    private static Fed feed(Supplier<StreamTranscoder> transcoders, List<String> data, boolean split, String prefix)
            throws Exception {
        StreamTranscoder transcoder = transcoders.get();
        Buffer stream = Buffer.buffer();
        for (String d : data) {
            stream.appendBuffer(event(d, split, prefix));
        }
        List<Buffer> relayedEvents = new ArrayList<>();
        new SseEventSplitter(1 << 20).feed(stream, event -> {
            Buffer out = transcoder.onEvent(event);
            if (out != null) {
                relayedEvents.add(out);
            }
        });
        StringBuilder relayed = new StringBuilder();
        List<JsonNode> json = new ArrayList<>();
        for (Buffer out : relayedEvents) {
            relayed.append(out.toString(StandardCharsets.UTF_8));
            String value = UpstreamJson.data(out);
            json.add(value.startsWith("{")
                    ? Json.MAPPER.readTree(value)
                    : Json.MAPPER.getNodeFactory().textNode(value));
        }
        return new Fed(transcoder, relayed, json);
    }

    /** With {@code split}, the data goes over two data lines after its first character (valid JSON either way). */
    private static Buffer event(String data, boolean split, String prefix) {
        String lines = split && data.startsWith("{") ? "data: {\ndata: " + data.substring(1) : "data: " + data;
        return Buffer.buffer(prefix + lines + "\n\n");
    }

    private static void assertSame(Fed scanned, Fed tree) {
        assertThat(scanned.transcoder.outputText().toString()).isEqualTo(tree.transcoder.outputText().toString());
        assertThat(scanned.transcoder.usage()).isEqualTo(tree.transcoder.usage());
        assertThat(scanned.transcoder.complete()).isEqualTo(tree.transcoder.complete());
        assertThat(scanned.transcoder.reportedCostUsd()).isEqualTo(tree.transcoder.reportedCostUsd());
        assertThat(scanned.relayedJson).isEqualTo(tree.relayedJson);
    }
}
