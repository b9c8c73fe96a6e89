package dev.switchboard.model.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.StreamEvent;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.json.Json;

/** Fixture loading, fixed-clock codecs and stream helpers shared by the codec tests. */
final class CodecFixtures {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_732_000_500), ZoneOffset.UTC);
    static final List<Dialect> DIALECTS = Arrays.asList(Dialect.values());

    private CodecFixtures() {
    }

    static DialectCodec codec(Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT -> new OpenAiChatCodec(CLOCK);
            case OPENAI_RESPONSES -> new OpenAiResponsesCodec(CLOCK);
            case ANTHROPIC_MESSAGES -> new AnthropicMessagesCodec();
        };
    }

    static String prefix(Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT -> "chat";
            case OPENAI_RESPONSES -> "responses";
            case ANTHROPIC_MESSAGES -> "anthropic";
        };
    }

    static String text(String name) {
        try (InputStream in = CodecFixtures.class.getResourceAsStream("/codec/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String name) {
        return parse(text(name));
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode request(Dialect dialect) {
        return json(prefix(dialect) + "-request.json");
    }

    static ObjectNode response(Dialect dialect) {
        return json(prefix(dialect) + "-response.json");
    }

    static String stream(Dialect dialect) {
        return text(prefix(dialect) + "-stream.sse");
    }

    /** Splits SSE text into events, feeding the parser {@code chunkSize} bytes at a time. */
    static List<SseEvent> sseEvents(String sse, int chunkSize) {
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser();
        for (int offset = 0; offset < bytes.length; offset += chunkSize) {
            parser.feed(bytes, offset, Math.min(chunkSize, bytes.length - offset), events::add);
        }
        parser.end(events::add);
        return events;
    }

    /** Decodes an SSE transcript of {@code dialect} into canonical events. */
    static List<StreamEvent> decode(Dialect dialect, String sse) {
        StreamDecoder decoder = codec(dialect).streamDecoder();
        List<StreamEvent> events = new ArrayList<>();
        for (SseEvent event : sseEvents(sse, 4096)) {
            decoder.decode(event, events::add);
        }
        decoder.end(events::add);
        return events;
    }

    /** Runs an upstream transcript through a translator in chunks, as a transport would. */
    static String translate(Dialect from, Dialect to, String sse, int chunkSize, boolean includeUsage) {
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        try (SseTranslator translator = new SseTranslator(codec(from), codec(to), includeUsage)) {
            for (int offset = 0; offset < bytes.length; offset += chunkSize) {
                out.append(translator.feed(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset
                        + chunkSize))));
            }
            out.append(translator.end());
        }
        return out.toString();
    }

    /** The {@code type} (or, for Chat, a short description) of each event of a caller stream. */
    static List<String> eventTypes(String sse) {
        List<String> types = new ArrayList<>();
        for (SseEvent event : sseEvents(sse, 4096)) {
            if (event.data().equals("[DONE]")) {
                types.add("[DONE]");
                continue;
            }
            JsonNode data = parse(event.data());
            String type = data.path("type").asText(null);
            if (type != null) {
                if (event.event() != null && !event.event().equals(type)) {
                    throw new AssertionError("event name " + event.event() + " differs from type " + type);
                }
                types.add(type);
            } else {
                types.add(describeChatChunk(data));
            }
        }
        return types;
    }

    private static String describeChatChunk(JsonNode chunk) {
        JsonNode choices = chunk.path("choices");
        if (choices.isEmpty()) {
            return chunk.has("usage") ? "usage" : "chunk";
        }
        JsonNode choice = choices.get(0);
        if (!choice.path("finish_reason").isNull()) {
            return "finish:" + choice.path("finish_reason").asText();
        }
        JsonNode delta = choice.path("delta");
        if (delta.has("role")) {
            return "role";
        }
        if (delta.has("tool_calls")) {
            JsonNode call = delta.path("tool_calls").get(0);
            return (call.has("id") ? "tool_call:" : "arguments:") + call.path("index").asInt();
        }
        return delta.has("content") ? "content" : "chunk";
    }

    /** A stream reassembled: what a client would end up with. */
    record Transcript(String text, String thinking, List<Call> calls, StopReason stopReason, CanonicalUsage usage,
            boolean complete) {
    }

    record Call(String id, String name, JsonNode arguments) {
    }

    static Transcript transcript(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        List<String[]> calls = new ArrayList<>();
        List<StringBuilder> arguments = new ArrayList<>();
        List<Integer> callIndices = new ArrayList<>();
        StopReason stop = null;
        CanonicalUsage usage = CanonicalUsage.NONE;
        boolean complete = false;
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.TextDelta d) {
                text.append(d.text());
            } else if (event instanceof StreamEvent.ThinkingDelta d) {
                thinking.append(d.text());
            } else if (event instanceof StreamEvent.ToolCallStart s) {
                calls.add(new String[]{s.id(), s.name()});
                arguments.add(new StringBuilder());
                callIndices.add(s.index());
            } else if (event instanceof StreamEvent.ToolArgumentsDelta d) {
                arguments.get(callIndices.indexOf(d.index())).append(d.json());
            } else if (event instanceof StreamEvent.MessageDelta d) {
                stop = d.stopReason();
                usage = d.usage();
            } else if (event instanceof StreamEvent.MessageStop) {
                complete = true;
            }
        }
        List<Call> result = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            result.add(new Call(calls.get(i)[0], calls.get(i)[1], parse(arguments.get(i).toString())));
        }
        return new Transcript(text.toString(), thinking.toString(), result, stop, usage, complete);
    }
}
