package dev.switchboard.routing.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.routing.upstream.AttemptResult;
import dev.switchboard.routing.upstream.UpstreamErrorClass;

class FailureMapperTest {

    static Attempt failed(UpstreamErrorClass errorClass, Integer status) {
        AttemptResult result = new AttemptResult(AttemptResult.Outcome.FAILED, status, errorClass, "x", null,
                errorClass == UpstreamErrorClass.TIMEOUT, false, 0, 1, null, null, null, null, null, null);
        return new Attempt(1, null, "h", result, null, null);
    }

    @Test
    void allRateLimitedIsUpstreamRateLimitedWithRetryAfter() {
        GatewayError e = FailureMapper.map(List.of(failed(UpstreamErrorClass.RATE_LIMITED, 429),
                failed(UpstreamErrorClass.RATE_LIMITED, 429)), 4_200L);
        assertThat(e.type()).isEqualTo(ErrorType.UPSTREAM_RATE_LIMITED);
        assertThat(e.retryAfterSeconds()).isEqualTo(5);
        assertThat(e.details()).containsEntry("attempts", 2).containsEntry("retry_after_ms", 4_200L);
    }

    @Test
    void allQuotaIsQuotaExhausted() {
        assertThat(FailureMapper.map(List.of(failed(UpstreamErrorClass.QUOTA_EXHAUSTED, 402)), null).type())
                .isEqualTo(ErrorType.UPSTREAM_QUOTA_EXHAUSTED);
    }

    @Test
    void accessFailuresAreAccessDenied() {
        assertThat(FailureMapper.map(List.of(failed(UpstreamErrorClass.ACCESS_DENIED, 403),
                failed(UpstreamErrorClass.AUTH_FAILED, 401)), null).type())
                .isEqualTo(ErrorType.UPSTREAM_ACCESS_DENIED);
    }

    @Test
    void lastTimeoutIs504AndMixedIs502() {
        assertThat(FailureMapper.map(List.of(failed(UpstreamErrorClass.SERVER_ERROR, 500),
                failed(UpstreamErrorClass.TIMEOUT, null)), null).type()).isEqualTo(ErrorType.UPSTREAM_TIMEOUT);
        GatewayError mixed = FailureMapper.map(List.of(failed(UpstreamErrorClass.RATE_LIMITED, 429),
                failed(UpstreamErrorClass.SERVER_ERROR, 502)), null);
        assertThat(mixed.type()).isEqualTo(ErrorType.UPSTREAM_FAILED);
        assertThat(mixed.details()).containsEntry("upstream_status", 502).containsEntry("retryable", true);
    }

    @Test
    void upstreamBadRequestCarriesItsReasonCode() {
        GatewayError e = FailureMapper.map(List.of(failed(UpstreamErrorClass.BAD_REQUEST, 400)), null);
        assertThat(e.type()).isEqualTo(ErrorType.UPSTREAM_FAILED);
        assertThat(e.details()).containsEntry("reason_code", "upstream_bad_request")
                .containsEntry("retryable", false)
                .containsEntry("error_class", "upstream_bad_request");
    }
}
