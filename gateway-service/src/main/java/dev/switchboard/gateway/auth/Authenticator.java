package dev.switchboard.gateway.auth;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Singleton;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import dev.switchboard.gateway.Headers;
import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.policy.Caller;
import dev.switchboard.model.policy.CompiledPolicy;
import dev.switchboard.model.policy.KeyStatus;
import dev.switchboard.model.security.TokenHasher;

/**
 * Finds the caller behind a router token ({@code Authorization: Bearer} or {@code x-api-key}) by its SHA-256, then
 * refuses keys that are not active. The token lives only in this method's frame: it is never stored, cached, logged or
 * echoed, and neither is its hash.
 */
@Singleton
public class Authenticator {

    /** Far above any token we issue; longer values are refused before hashing. */
    static final int MAX_TOKEN_LENGTH = 512;
    private static final String BEARER = "bearer ";

    private static final GatewayError MISSING = unauthorized("missing",
            "a router token is required: send Authorization: Bearer <token> or x-api-key: <token>");
    private static final GatewayError MALFORMED = unauthorized("malformed",
            "the Authorization header must use the Bearer scheme");
    private static final GatewayError UNKNOWN = unauthorized("unknown", "the router token is not recognised");
    private static final Map<KeyStatus, GatewayError> REFUSALS = refusals();

    /**
     * @return the active caller
     * @throws GatewayError.Failure {@code unauthorized} (401) or the key status refusal (403)
     */
    public Caller authenticate(HttpServerRequest request, CompiledPolicy policy) {
        Caller caller = identify(request, policy);
        requireActive(caller);
        return caller;
    }

    /**
     * @return the caller whose token hash matches, whatever its key status
     * @throws GatewayError.Failure {@code unauthorized} (401) for a missing, malformed or unknown token
     */
    public Caller identify(HttpServerRequest request, CompiledPolicy policy) {
        String token = token(request);
        return policy.callerByTokenHash(TokenHasher.sha256Hex(token)).orElseThrow(UNKNOWN::asException);
    }

    /** @throws GatewayError.Failure {@code key-disabled}, {@code key-expired}… (403) unless the key is active */
    public void requireActive(Caller caller) {
        GatewayError refusal = REFUSALS.get(caller.keyStatus());
        if (refusal != null) {
            throw refusal.asException();
        }
    }

    private static String token(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw MALFORMED.asException();
            }
            token = authorization.substring(BEARER.length()).trim();
        } else {
            String apiKey = request.getHeader(Headers.API_KEY);
            token = apiKey == null ? "" : apiKey.trim();
        }
        if (token.isEmpty()) {
            throw (authorization == null ? MISSING : MALFORMED).asException();
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw UNKNOWN.asException();
        }
        return token;
    }

    private static GatewayError unauthorized(String reason, String message) {
        return GatewayError.of(ErrorType.UNAUTHORIZED, message).withDetail("reason", reason);
    }

    private static Map<KeyStatus, GatewayError> refusals() {
        Map<KeyStatus, GatewayError> refusals = new EnumMap<>(KeyStatus.class);
        for (KeyStatus status : KeyStatus.values()) {
            if (status.refusal() != null) {
                String state = status.name().toLowerCase(Locale.ROOT);
                refusals.put(status, GatewayError
                        .of(status.refusal(),
                                "this router token is " + state + "; ask the gateway operator for an active one")
                        .withDetail("router_key_state", state));
            }
        }
        return refusals;
    }
}
