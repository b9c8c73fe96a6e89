package dev.switchboard.model.security;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request IDs: {@code req_} + 32 lowercase hex characters when we generate them: 12 of the generation time in epoch
 * milliseconds, then 20 random ones (80 bits). A caller-supplied {@code X-Request-Id} is kept when it is well-formed:
 * 1–128 characters of {@code [A-Za-z0-9._:-]}, so that it is safe in logs, headers and database keys.
 *
 * <p>
 * Time first, as in UUIDv7: the request ID is the primary key of the usage tables, and IDs that grow with time are
 * inserted at the right edge of those B-tree indexes instead of at random leaf pages all over them. On a usage table of
 * 2.7 million rows that is about a third less PostgreSQL CPU per stored event ({@code docs/performance.md}). The time
 * it reveals is the request's own, which its response and its usage row carry anyway.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    public static String generate() {
        return generate(System.currentTimeMillis());
    }

    static String generate(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[36];
        out[0] = 'r';
        out[1] = 'e';
        out[2] = 'q';
        out[3] = '_';
        putHex(out, 4, epochMillis, 12);
        putHex(out, 16, random.nextLong(), 16);
        putHex(out, 32, random.nextInt(), 4);
        return new String(out);
    }

    /** Writes the low {@code digits} hex digits of {@code value} at {@code at}, most significant first. */
    private static void putHex(char[] out, int at, long value, int digits) {
        for (int i = 0; i < digits; i++) {
            out[at + i] = HEX[(int) ((value >>> (4 * (digits - 1 - i))) & 0xF)];
        }
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
