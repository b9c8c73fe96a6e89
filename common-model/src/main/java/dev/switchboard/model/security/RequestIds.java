package dev.switchboard.model.security;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request IDs: {@code req_} + 32 lowercase hex characters when we generate them. A caller-supplied
 * {@code X-Request-Id} is kept when it is well-formed: 1–128 characters of {@code [A-Za-z0-9._:-]}, so that it is
 * safe in logs, headers and database keys.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[36];
        out[0] = 'r';
        out[1] = 'e';
        out[2] = 'q';
        out[3] = '_';
        long hi = random.nextLong();
        long lo = random.nextLong();
        for (int i = 0; i < 16; i++) {
            out[4 + i] = HEX[(int) ((hi >>> (60 - 4 * i)) & 0xF)];
            out[20 + i] = HEX[(int) ((lo >>> (60 - 4 * i)) & 0xF)];
        }
        return new String(out);
    }

    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 128) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The caller's ID when well-formed, otherwise a fresh one. */
    public static String acceptOrGenerate(String candidate) {
        return isWellFormed(candidate) ? candidate : generate();
    }
}
