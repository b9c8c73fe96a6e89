package dev.switchboard.model.codec;

import java.time.Clock;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.CanonicalResponse;
import dev.switchboard.model.dialect.Dialect;

/** OpenAI Responses ({@code POST /v1/responses}), stateless subset: every turn travels in {@code input}. */
public final class OpenAiResponsesCodec implements DialectCodec {

    private final Clock clock;

    public OpenAiResponsesCodec() {
        this(Clock.systemUTC());
    }

    /** @param clock supplies {@code created_at} when the canonical answer does not carry it */
    public OpenAiResponsesCodec(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI_RESPONSES;
    }

    @Override
    public CanonicalRequest decodeRequest(ObjectNode body) {
        return ResponsesRequestDecoder.decode(body);
    }

    @Override
    public ObjectNode encodeRequest(CanonicalRequest request) {
        return ResponsesRequestEncoder.encode(request);
    }

    @Override
    public CanonicalResponse decodeResponse(ObjectNode body) {
        return ResponsesResponseMapper.decode(body);
    }

    @Override
    public ObjectNode encodeResponse(CanonicalResponse response) {
        long created = response.createdAt() == 0 ? clock.instant().getEpochSecond() : response.createdAt();
        return ResponsesResponseMapper.encode(response, created);
    }

    @Override
    public StreamDecoder streamDecoder() {
        return new ResponsesStreamDecoder();
    }

    @Override
    public StreamEncoder streamEncoder(boolean includeUsage) {
        return new ResponsesStreamEncoder(clock);
    }
}
