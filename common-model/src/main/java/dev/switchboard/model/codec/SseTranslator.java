package dev.switchboard.model.codec;

import java.util.function.Consumer;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.StreamEvent;

/**
 * Translates one upstream SSE stream into the caller's dialect chunk by chunk: parser → upstream decoder → caller
 * encoder. Every {@link #feed} returns what is ready to flush, so nothing is buffered beyond an incomplete line. It
 * also remembers the final usage and stop reason for accounting. Not thread-safe: one per stream.
 */
public final class SseTranslator implements AutoCloseable {

    private final SseParser parser = new SseParser();
    private final StreamDecoder decoder;
    private final StreamEncoder encoder;
    private final SseWriter writer = new SseWriter();
    private final Consumer<SseEvent> onSseEvent;
    private final Consumer<StreamEvent> onCanonicalEvent;
    private CanonicalUsage usage = CanonicalUsage.NONE;
    private StopReason stopReason;

    /** @param includeUsage the caller asked for usage in the stream (OpenAI Chat {@code stream_options}) */
    public SseTranslator(DialectCodec upstream, DialectCodec caller, boolean includeUsage) {
        this.decoder = upstream.streamDecoder();
        this.encoder = caller.streamEncoder(includeUsage);
        this.onCanonicalEvent = this::onCanonical;
        this.onSseEvent = event -> decoder.decode(event, onCanonicalEvent);
    }

    /** @return the caller-dialect SSE text ready to send (possibly empty) */
    public String feed(byte[] chunk) {
        parser.feed(chunk, onSseEvent);
        return writer.drain();
    }

    /** The upstream closed: flushes what a complete stream still owes. */
    public String end() {
        parser.end(onSseEvent);
        decoder.end(onCanonicalEvent);
        return writer.drain();
    }

    /** The upstream stream reached its terminal event. */
    public boolean finished() {
        return decoder.finished();
    }

    public CanonicalUsage usage() {
        return usage;
    }

    /** @return {@code null} until the upstream said why it stopped */
    public StopReason stopReason() {
        return stopReason;
    }

    private void onCanonical(StreamEvent event) {
        if (event instanceof StreamEvent.MessageDelta delta) {
            usage = delta.usage();
            stopReason = delta.stopReason();
        }
        encoder.encode(event, writer);
    }

    @Override
    public void close() {
        writer.close();
    }
}
