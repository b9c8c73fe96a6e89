package dev.switchboard.routing.upstream;

/**
 * Generated text collected in memory only to count tokens when an upstream reports no usage. Bounded: past the cap
 * the count is an underestimate, which is still recorded as an estimate.
 */
final class OutputText {

    static final int MAX_CHARS = 2 * 1024 * 1024;

    private final StringBuilder text = new StringBuilder(256);

    void append(CharSequence part) {
        if (part == null || part.isEmpty() || text.length() >= MAX_CHARS) {
            return;
        }
        int room = MAX_CHARS - text.length();
        text.append(part, 0, Math.min(room, part.length()));
    }

    CharSequence value() {
        return text;
    }
}
