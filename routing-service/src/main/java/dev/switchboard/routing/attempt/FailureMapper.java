package dev.switchboard.routing.attempt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.routing.upstream.AttemptResult;
import dev.switchboard.routing.upstream.UpstreamErrorClass;
import dev.switchboard.routing.upstream.UpstreamErrorClass.Family;

/**
 * Turns the attempts of a request that got no answer into the catalogued error the caller sees. The error names the
 * class of failure, never what the upstream said.
 */
public final class FailureMapper {

    private FailureMapper() {
    }

    public static GatewayError map(List<Attempt> attempts, Long retryAfterMs) {
        Attempt last = attempts.get(attempts.size() - 1);
        AttemptResult result = last.result();
        UpstreamErrorClass lastClass = result.errorClass();
        ErrorType type;
        String message;
        String reasonCode = null;
        if (!lastClass.retryable()) {
            switch (lastClass.family()) {
                case ACCESS -> {
                    type = ErrorType.UPSTREAM_ACCESS_DENIED;
                    message = "the upstream provider refused the router's credentials";
                }
                case REQUEST -> {
                    type = ErrorType.UPSTREAM_FAILED;
                    reasonCode = lastClass.wire();
                    message = "the upstream provider rejected the request (HTTP " + result.upstreamStatus() + ")";
                }
                default -> {
                    type = ErrorType.UPSTREAM_FAILED;
                    reasonCode = lastClass.wire();
                    message = "the upstream provider's answer could not be used";
                }
            }
        } else if (all(attempts, Family.RATE_LIMIT)) {
            type = ErrorType.UPSTREAM_RATE_LIMITED;
            message = "every eligible upstream target is rate limited";
        } else if (all(attempts, Family.QUOTA)) {
            type = ErrorType.UPSTREAM_QUOTA_EXHAUSTED;
            message = "every eligible upstream target reported exhausted quota or credit";
        } else if (all(attempts, Family.ACCESS)) {
            type = ErrorType.UPSTREAM_ACCESS_DENIED;
            message = "every eligible upstream target denied access to the model";
        } else if (lastClass == UpstreamErrorClass.TIMEOUT) {
            type = ErrorType.UPSTREAM_TIMEOUT;
            message = "the upstream provider did not answer in time";
        } else {
            type = ErrorType.UPSTREAM_FAILED;
            message = "the upstream provider failed";
        }
        if (attempts.size() > 1) {
            message = message + " (" + attempts.size() + " attempts)";
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempts", attempts.size());
        details.put("error_class", lastClass.wire());
        if (result.upstreamStatus() != null) {
            details.put("upstream_status", result.upstreamStatus());
        }
        details.put("retryable", lastClass.retryable());
        details.put("fallback_used", attempts.size() > 1);
        if (reasonCode != null) {
            details.put("reason_code", reasonCode);
        }
        boolean throttled = type == ErrorType.UPSTREAM_RATE_LIMITED || type == ErrorType.UPSTREAM_QUOTA_EXHAUSTED;
        if (throttled && retryAfterMs != null) {
            details.put("retry_after_ms", retryAfterMs);
        }
        GatewayError error = new GatewayError(type, message, details, null);
        return throttled && retryAfterMs != null ? error.withRetryAfter((retryAfterMs + 999) / 1000) : error;
    }

    private static boolean all(List<Attempt> attempts, Family family) {
        return attempts.stream().allMatch(a -> a.result().errorClass().family() == family);
    }
}
