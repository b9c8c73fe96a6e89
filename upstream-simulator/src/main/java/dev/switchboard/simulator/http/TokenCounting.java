package dev.switchboard.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.buffer.Buffer;

/** A dialect with a token counting endpoint (Anthropic's {@code count_tokens}). */
public interface TokenCounting extends SimDialect {

    /**
     * @return the answer body
     * @throws Failure.Rejected when the body is not a valid counting request
     */
    Buffer tokenCount(JsonNode body);
}
