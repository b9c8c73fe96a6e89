package dev.switchboard.routing.upstream;

/**
 * Attempt-level failure classes ({@code error_class} in attempt rows and error details). {@link #retryable()} decides
 * whether another target of the group may be tried: transient and target-specific failures are, failures caused by
 * the request itself or by bad credentials are not.
 */
public enum UpstreamErrorClass {
    CONNECT_ERROR("upstream_connect_error", true, Family.NETWORK), NETWORK_ERROR("upstream_network_error", true,
            Family.NETWORK), TIMEOUT("upstream_timeout", true, Family.TIMEOUT), RATE_LIMITED("upstream_rate_limited",
                    true, Family.RATE_LIMIT), QUOTA_EXHAUSTED("upstream_quota_exhausted", true, Family.QUOTA),
    /** 403: this target is not entitled (model access, region, policy); another target may be. */
    ACCESS_DENIED("upstream_access_denied", true, Family.ACCESS),
    /** 401: our credentials for the provider are wrong; retrying elsewhere would hide a configuration error. */
    AUTH_FAILED("upstream_auth_failed", false, Family.ACCESS), BAD_REQUEST("upstream_bad_request", false,
            Family.REQUEST), NOT_FOUND("upstream_not_found", false, Family.REQUEST), REQUEST_TOO_LARGE(
                    "upstream_request_too_large", false, Family.REQUEST), UNPROCESSABLE("upstream_unprocessable", false,
                            Family.REQUEST), CLIENT_ERROR("upstream_client_error", false, Family.REQUEST), SERVER_ERROR(
                                    "upstream_server_error", true,
                                    Family.SERVER), INVALID_RESPONSE("upstream_invalid_response", true, Family.SERVER),
    /** Redirects are never followed: a target that moved is a configuration error. */
    REDIRECT("upstream_redirect", false, Family.SERVER), RESPONSE_TOO_LARGE("upstream_response_too_large", false,
            Family.SERVER),
    /** The stream broke after the caller already received events. */
    STREAM_INTERRUPTED("upstream_stream_interrupted", false, Family.SERVER), CLIENT_CANCELED("client_canceled", false,
            Family.CANCELED);

    public enum Family {
        NETWORK, TIMEOUT, RATE_LIMIT, QUOTA, ACCESS, REQUEST, SERVER, CANCELED
    }

    private final String wire;
    private final boolean retryable;
    private final Family family;

    UpstreamErrorClass(String wire, boolean retryable, Family family) {
        this.wire = wire;
        this.retryable = retryable;
        this.family = family;
    }

    public String wire() {
        return wire;
    }

    public boolean retryable() {
        return retryable;
    }

    public Family family() {
        return family;
    }
}
