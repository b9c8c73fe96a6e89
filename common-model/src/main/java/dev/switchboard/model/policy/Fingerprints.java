package dev.switchboard.model.policy;

import dev.switchboard.model.security.TokenHasher;

/** Short, stable fingerprints of policy documents, recorded in usage rows and shown in /readyz. */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String sha256(String document) {
        return "sha256:" + TokenHasher.sha256Hex(document).substring(0, 16);
    }
}
