package dev.switchboard.routing.upstream;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Classifies an upstream HTTP answer that is not a success. The body is only inspected, never copied anywhere. */
public final class UpstreamErrors {

    /** Words providers use for balance/billing exhaustion, on 429 as well as 402/403. */
    private static final String[] QUOTA_SIGNALS = {"insufficient_quota", "quota", "billing", "credit", "balance",
            "payment"};

    private UpstreamErrors() {
    }

    public static UpstreamErrorClass classify(int status, byte[] bodySnippet) {
        if (status >= 300 && status < 400) {
            return UpstreamErrorClass.REDIRECT;
        }
        return switch (status) {
            case 400 -> UpstreamErrorClass.BAD_REQUEST;
            case 401 -> UpstreamErrorClass.AUTH_FAILED;
            case 402 -> UpstreamErrorClass.QUOTA_EXHAUSTED;
            case 403 -> mentionsQuota(bodySnippet)
                    ? UpstreamErrorClass.QUOTA_EXHAUSTED
                    : UpstreamErrorClass.ACCESS_DENIED;
            case 404 -> UpstreamErrorClass.NOT_FOUND;
            case 408 -> UpstreamErrorClass.TIMEOUT;
            case 413 -> UpstreamErrorClass.REQUEST_TOO_LARGE;
            case 422 -> UpstreamErrorClass.UNPROCESSABLE;
            case 429 -> mentionsQuota(bodySnippet)
                    ? UpstreamErrorClass.QUOTA_EXHAUSTED
                    : UpstreamErrorClass.RATE_LIMITED;
            default -> status >= 500 ? UpstreamErrorClass.SERVER_ERROR : UpstreamErrorClass.CLIENT_ERROR;
        };
    }

    static boolean mentionsQuota(byte[] body) {
        if (body == null || body.length == 0) {
            return false;
        }
        String text = new String(body, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        for (String signal : QUOTA_SIGNALS) {
            if (text.contains(signal)) {
                return true;
            }
        }
        return false;
    }
}
