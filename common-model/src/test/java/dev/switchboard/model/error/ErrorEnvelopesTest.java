package dev.switchboard.model.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.dialect.Dialect;

class ErrorEnvelopesTest {

    private final GatewayError error = GatewayError.of(ErrorType.MODEL_NOT_ALLOWED, "model group 'x' is not allowed")
            .withDetail("model", "x");

    @Test
    void openAiEnvelope() {
        ObjectNode body = ErrorEnvelopes.toJson(Dialect.OPENAI_CHAT, "req_1", error);

        assertThat(body.path("error").path("type").asText()).isEqualTo("model-not-allowed");
        assertThat(body.path("error").path("code").asText()).isEqualTo("model_not_allowed");
        assertThat(body.path("error").path("request_id").asText()).isEqualTo("req_1");
        assertThat(body.path("error").path("details").path("request_id").asText()).isEqualTo("req_1");
        assertThat(body.path("error").path("details").path("model").asText()).isEqualTo("x");
        assertThat(body.has("type")).isFalse();
    }

    @Test
    void anthropicEnvelopeKeepsTheCatalogueType() {
        ObjectNode body = ErrorEnvelopes.toJson(Dialect.ANTHROPIC_MESSAGES, "req_2", error.withRetryAfter(3));

        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("model-not-allowed");
        assertThat(body.path("request_id").asText()).isEqualTo("req_2");
        assertThat(body.path("error").path("details").path("retry_after_ms").asLong()).isEqualTo(3000);
    }

    @Test
    void statusesFollowTheCatalogue() {
        assertThat(ErrorType.UNAUTHORIZED.status()).isEqualTo(401);
        assertThat(ErrorType.NO_ELIGIBLE_TARGET.status()).isEqualTo(502);
        assertThat(ErrorType.UPSTREAM_TIMEOUT.status()).isEqualTo(504);
        assertThat(ErrorType.UPSTREAM_RATE_LIMITED.status()).isEqualTo(503);
        assertThat(ErrorType.fromType("tpm-exceeded")).isEqualTo(ErrorType.TPM_EXCEEDED);
    }
}
