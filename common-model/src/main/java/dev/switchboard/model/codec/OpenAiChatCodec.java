package dev.switchboard.model.codec;

import java.time.Clock;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.CanonicalResponse;
import dev.switchboard.model.dialect.Dialect;

/** OpenAI Chat Completions ({@code POST /v1/chat/completions}). */
public final class OpenAiChatCodec implements DialectCodec {

    private final Clock clock;

    public OpenAiChatCodec() {
        this(Clock.systemUTC());
    }

    /** @param clock supplies {@code created} when the canonical answer does not carry it */
    public OpenAiChatCodec(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI_CHAT;
    }

    @Override
    public CanonicalRequest decodeRequest(ObjectNode body) {
        return ChatRequestDecoder.decode(body);
    }

    @Override
    public ObjectNode encodeRequest(CanonicalRequest request) {
        return ChatRequestEncoder.encode(request);
    }

    @Override
    public CanonicalResponse decodeResponse(ObjectNode body) {
        return ChatResponseMapper.decode(body);
    }

    @Override
    public ObjectNode encodeResponse(CanonicalResponse response) {
        long created = response.createdAt() == 0 ? clock.instant().getEpochSecond() : response.createdAt();
        return ChatResponseMapper.encode(response, created);
    }

    @Override
    public StreamDecoder streamDecoder() {
        return new ChatStreamDecoder();
    }

    @Override
    public StreamEncoder streamEncoder(boolean includeUsage) {
        return new ChatStreamEncoder(clock, includeUsage);
    }
}
