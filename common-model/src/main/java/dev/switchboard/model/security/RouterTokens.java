package dev.switchboard.model.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Issues router tokens: {@code sbk_<token_id>_<secret>}, where the secret carries 256 bits of entropy and the public
 * {@code token_id} (the prefix without the secret) is what logs and usage rows may show.
 */
public final class RouterTokens {

    public static final String PREFIX = "sbk_";
    private static final Pattern TOKEN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private RouterTokens() {
    }

    /** A freshly issued token, shown once; only {@link #sha256()} is stored. */
    public record Issued(String tokenId, String token, String sha256) {
        @Override
        public String toString() {
            return "Issued[tokenId=" + tokenId + "]";
        }
    }

    /** @param name a short label (lowercase letters, digits, dashes) that becomes part of the public token id */
    public static Issued issue(String name) {
        if (name == null || !TOKEN_ID.matcher(name).matches()) {
            throw new IllegalArgumentException("token name must match " + TOKEN_ID.pattern());
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        // base64url may contain '_' and '-'; the token id is everything before the last '_' of the prefix part.
        String tokenId = PREFIX + name;
        String token = tokenId + "_" + URL.encodeToString(secret);
        return new Issued(tokenId, token, TokenHasher.sha256Hex(token));
    }
}
