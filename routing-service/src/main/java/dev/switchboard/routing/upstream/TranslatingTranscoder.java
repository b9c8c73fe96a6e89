package dev.switchboard.routing.upstream;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.StreamEvent;
import dev.switchboard.model.codec.DialectCodec;
import dev.switchboard.model.codec.SseEvent;
import dev.switchboard.model.codec.SseParser;
import dev.switchboard.model.codec.SseWriter;
import dev.switchboard.model.codec.StreamDecoder;
import dev.switchboard.model.codec.StreamEncoder;
import dev.switchboard.model.dialect.TokenUsage;
import dev.switchboard.model.error.GatewayError;

/**
 * A stream of another dialect, translated event by event: upstream SSE event → target decoder → canonical events →
 * caller encoder. The pieces of {@code SseTranslator}, assembled here so that an upstream error event fails the
 * attempt (fallback before the first byte, a cut stream after it) instead of being relayed as an answer.
 */
final class TranslatingTranscoder implements StreamTranscoder {

    private final SseParser parser = new SseParser();
    private final StreamDecoder decoder;
    private final StreamEncoder encoder;
    private final SseWriter writer = new SseWriter();
    private final OutputText text = new OutputText();
    private final Consumer<StreamEvent> onCanonical = this::onCanonical;
    private final Consumer<SseEvent> onSse;
    private CanonicalUsage usage = CanonicalUsage.NONE;
    private boolean upstreamError;

    TranslatingTranscoder(DialectCodec target, DialectCodec caller, boolean callerWantsUsage) {
        this.decoder = target.streamDecoder();
        this.encoder = caller.streamEncoder(callerWantsUsage);
        this.onSse = event -> decoder.decode(event, onCanonical);
    }

    @Override
    public Buffer onEvent(Buffer event) throws InvalidUpstreamResponse {
        try {
            parser.feed(event.getBytes(), onSse);
        } catch (GatewayError.Failure | UncheckedIOException e) {
            throw new InvalidUpstreamResponse("upstream stream event cannot be translated");
        }
        return drain();
    }

    @Override
    public Buffer onEnd() throws InvalidUpstreamResponse {
        try {
            parser.end(onSse);
            decoder.end(onCanonical);
        } catch (GatewayError.Failure | UncheckedIOException e) {
            throw new InvalidUpstreamResponse("upstream stream event cannot be translated");
        }
        return drain();
    }

    private Buffer drain() throws InvalidUpstreamResponse {
        if (upstreamError) {
            throw new InvalidUpstreamResponse("upstream reported an error inside the stream");
        }
        return writer.isEmpty() ? null : Buffer.buffer(writer.drainUtf8());
    }

    private void onCanonical(StreamEvent event) {
        if (upstreamError) {
            return;
        }
        if (event instanceof StreamEvent.Error) {
            upstreamError = true;
            return;
        }
        if (event instanceof StreamEvent.TextDelta delta) {
            text.append(delta.text());
        } else if (event instanceof StreamEvent.ToolCallStart start) {
            text.append(start.name());
        } else if (event instanceof StreamEvent.ToolArgumentsDelta delta) {
            text.append(delta.json());
        } else if (event instanceof StreamEvent.ThinkingDelta delta) {
            text.append(delta.text());
        } else if (event instanceof StreamEvent.MessageStart start && start.usage().reported()) {
            usage = start.usage();
        } else if (event instanceof StreamEvent.MessageDelta delta) {
            usage = delta.usage().reported() ? delta.usage() : usage;
        }
        encoder.encode(event, writer);
    }

    @Override
    public boolean complete() {
        return decoder.finished();
    }

    @Override
    public TokenUsage usage() {
        return usage.tokens();
    }

    @Override
    public CharSequence outputText() {
        return text.value();
    }

    @Override
    public BigDecimal reportedCostUsd() {
        return null;
    }

    @Override
    public void close() {
        writer.close();
    }
}
