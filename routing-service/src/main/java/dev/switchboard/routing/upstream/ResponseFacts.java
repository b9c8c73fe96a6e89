package dev.switchboard.routing.upstream;

import java.math.BigDecimal;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.dialect.TokenUsage;

/**
 * A complete non-streaming upstream answer, ready for the caller.
 *
 * @param callerBody bytes to send in the caller's dialect (the upstream bytes themselves for same-dialect targets)
 * @param outputText generated text, kept only in memory to count tokens when the upstream reported no usage
 * @param reportedCostUsd what the upstream said the call cost, when it says so
 * @param contentType the caller body's content type, {@code null} to relay the upstream's
 */
public record ResponseFacts(Buffer callerBody, TokenUsage usage, CharSequence outputText, BigDecimal reportedCostUsd,
        String contentType) {
}
