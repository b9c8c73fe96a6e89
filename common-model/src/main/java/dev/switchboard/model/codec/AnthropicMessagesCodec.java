package dev.switchboard.model.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.CanonicalResponse;
import dev.switchboard.model.dialect.Dialect;

/** Anthropic Messages ({@code POST /v1/messages}). */
public final class AnthropicMessagesCodec implements DialectCodec {

    /** {@code max_tokens} sent when a request from another dialect set no cap (Anthropic requires one). */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private final AnthropicRequestEncoder requestEncoder;

    public AnthropicMessagesCodec() {
        this(DEFAULT_MAX_TOKENS);
    }

    /** @param defaultMaxTokens {@code max_tokens} for requests without a cap, e.g. from the target's catalogue */
    public AnthropicMessagesCodec(int defaultMaxTokens) {
        if (defaultMaxTokens <= 0) {
            throw new IllegalArgumentException("defaultMaxTokens must be positive");
        }
        this.requestEncoder = new AnthropicRequestEncoder(defaultMaxTokens);
    }

    @Override
    public Dialect dialect() {
        return Dialect.ANTHROPIC_MESSAGES;
    }

    @Override
    public CanonicalRequest decodeRequest(ObjectNode body) {
        return AnthropicRequestDecoder.decode(body);
    }

    @Override
    public ObjectNode encodeRequest(CanonicalRequest request) {
        return requestEncoder.encode(request);
    }

    @Override
    public CanonicalResponse decodeResponse(ObjectNode body) {
        return AnthropicResponseMapper.decode(body);
    }

    @Override
    public ObjectNode encodeResponse(CanonicalResponse response) {
        return AnthropicResponseMapper.encode(response);
    }

    @Override
    public StreamDecoder streamDecoder() {
        return new AnthropicStreamDecoder();
    }

    @Override
    public StreamEncoder streamEncoder(boolean includeUsage) {
        return new AnthropicStreamEncoder();
    }
}
