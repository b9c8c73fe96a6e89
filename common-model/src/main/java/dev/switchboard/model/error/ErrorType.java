package dev.switchboard.model.error;

/**
 * The stable error catalogue. Callers branch on {@link #type()}; the HTTP status is fixed per type. Names follow the
 * reference gateway so that clients migrating from it keep working.
 */
public enum ErrorType {
    // caller / request errors
    UNAUTHORIZED("unauthorized", 401), MISSING_MODEL("missing-model", 400), INVALID_REQUEST("invalid-request",
            400), UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415), REQUEST_TOO_LARGE("request-too-large",
                    413), NOT_FOUND("not-found", 404), METHOD_NOT_ALLOWED("method-not-allowed",
                            405), MODEL_NOT_ALLOWED("model-not-allowed", 403), KEY_DISABLED("key-disabled",
                                    403), KEY_SUSPENDED("key-suspended", 403), KEY_EXPIRED("key-expired",
                                            403), KEY_ROTATED("key-rotated", 403), KEY_EXHAUSTED("key-exhausted", 403),
    // admission
    RPM_EXCEEDED("rpm-exceeded", 429), TPM_EXCEEDED("tpm-exceeded", 429), CONCURRENCY_EXCEEDED("concurrency-exceeded",
            429), QUOTA_EXHAUSTED("quota-exhausted", 429), TRAFFIC_SHAPED("traffic-shaped", 429),
    // routing
    NO_ELIGIBLE_TARGET("no-eligible-target", 502), ROUTING_POLICY_ERROR("routing-policy-error", 502),
    // upstream outcomes
    UPSTREAM_CAPACITY_THROTTLED("upstream-capacity-throttled", 503), UPSTREAM_RATE_LIMITED("upstream-rate-limited",
            503), UPSTREAM_QUOTA_EXHAUSTED("upstream-quota-exhausted", 503), UPSTREAM_ACCESS_DENIED(
                    "upstream-access-denied",
                    503), UPSTREAM_FAILED("upstream-failed", 502), UPSTREAM_TIMEOUT("upstream-timeout", 504),
    // operator surfaces
    METRICS_FORBIDDEN("metrics-forbidden", 403), REPORTS_FORBIDDEN("reports-forbidden", 403), ADMIN_FORBIDDEN(
            "admin-forbidden", 403), POLICY_FORBIDDEN("policy-forbidden", 403), REPORTS_DISABLED("reports-disabled",
                    503), INVALID_REPORT_FILTER("invalid-report-filter",
                            400), REPORT_QUERY_FAILED("report-query-failed", 500),
    // the gateway itself
    SERVICE_UNAVAILABLE("service-unavailable", 503), INTERNAL_ERROR("internal-error", 500);

    private final String type;
    private final int status;

    ErrorType(String type, int status) {
        this.type = type;
        this.status = status;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    /** The OpenAI SDKs expose {@code error.code}; we mirror the type with underscores as the reference does. */
    public String code() {
        return type.replace('-', '_');
    }

    public static ErrorType fromType(String type) {
        for (ErrorType t : values()) {
            if (t.type.equals(type)) {
                return t;
            }
        }
        return INTERNAL_ERROR;
    }
}
