package dev.switchboard.gateway;

import dev.switchboard.model.security.TokenHasher;

/** The test callers' router tokens (hashes in {@code gateway-test-policy.yaml}). */
public final class Tokens {

    private Tokens() {
    }

    public static String of(String caller) {
        return "sbk_" + caller + "_testtoken-" + caller + "-0123456789abcdef";
    }

    public static String hashOf(String caller) {
        return TokenHasher.sha256Hex(of(caller));
    }
}
