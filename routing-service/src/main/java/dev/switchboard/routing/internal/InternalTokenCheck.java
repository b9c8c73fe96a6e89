package dev.switchboard.routing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.switchboard.routing.RoutingConfig;

/**
 * Authenticates the internal hop. Digests are compared in constant time, so neither the content nor the length of
 * the secret leaks through timing. Without a configured token nothing is accepted.
 */
@Singleton
public class InternalTokenCheck {

    private static final Logger LOG = Logger.getLogger(InternalTokenCheck.class);

    private final byte[] expectedDigest;

    InternalTokenCheck(RoutingConfig config) {
        String token = config.internal().token().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            LOG.warn("switchboard.internal.token is not set: every routing request will be refused");
        }
        this.expectedDigest = token == null ? null : digest(token);
    }

    public boolean accepts(String presented) {
        if (expectedDigest == null || presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, digest(presented));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
